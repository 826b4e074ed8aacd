import { UnkeyRequestError } from '../../unkey/errors.js';
import { responderRejected } from '../manual-instructions.js';
import type { PlaybookStep } from '../playbook-step.js';
import { detailOf } from '../step-details.js';

/**
 * Acts on the API keys the audit found: tags each (`keys.updateKey` meta
 * `rootguard: {incident, reason}`), or rerolls it when the policy says `rerollAffected` (its new
 * secret is dropped: the key's owner issues it again). Keys already handled are not touched again.
 */
export const flagStep = {
  name: 'flag',
  async run(ctx) {
    const affected = detailOf(ctx, 'audit').affected ?? [];
    const list = affected.map((k) => `${k.keyId}${k.apiId ? ` (${k.apiId})` : ''}: ${k.reasons.join('; ')}`);
    if (affected.length === 0)
      return { outcome: 'done', summary: 'No API key was affected.', detail: { handled: [] } };
    const action = ctx.policy.rerollAffected ? 'reroll' : 'tag';
    if (detailOf(ctx, 'gate').mode === 'dry-run')
      return {
        outcome: 'skipped',
        summary: `Dry run: would ${action} ${affected.length} API key(s).`,
        detail: { dryRun: true, affected: list },
      };
    if (!ctx.deps.responderConfigured)
      return {
        outcome: 'manual',
        summary: `${affected.length} API key(s) affected; rootguard cannot ${action} them without UNKEY_ROOT_KEY.`,
        instruction: `Reroll or review these API keys:\n${list.join('\n')}`,
        detail: { handled: [] },
      };
    const handled = new Set<string>(ctx.progress.handled ?? []);
    try {
      for (const key of affected) {
        if (handled.has(key.keyId)) continue;
        if (ctx.policy.rerollAffected) await ctx.deps.unkey.rerollApiKey(key.keyId, 0);
        else {
          const current = await ctx.deps.unkey.getApiKey(key.keyId);
          await ctx.deps.unkey.updateApiKeyMeta(key.keyId, {
            ...(current.meta ?? {}),
            rootguard: { incident: ctx.incident.id, reason: key.reasons.join('; ') },
          });
        }
        handled.add(key.keyId);
        await ctx.checkpoint({ handled: [...handled] });
      }
    } catch (error) {
      if (!(error instanceof UnkeyRequestError) || ![401, 403, 404].includes(error.status ?? 0)) throw error;
      return {
        outcome: 'manual',
        summary: `${handled.size} of ${affected.length} API key(s) ${action === 'tag' ? 'tagged' : 'rerolled'}; the rest were refused.`,
        instruction: `${error.status === 404 ? `Unkey no longer has ${error.operation}'s key (deleted meanwhile).` : responderRejected(error, error.operation, 'api.*.read_key and api.*.update_key (or api.*.create_key to reroll)')} Review these API keys:\n${list.join('\n')}`,
        detail: { handled: [...handled], affected: list },
      };
    }
    return {
      outcome: 'done',
      summary: `${action === 'tag' ? 'Tagged' : 'Rerolled'} ${handled.size} affected API key(s)${action === 'tag' ? ' for review (meta.rootguard)' : ''}.`,
      ...(action === 'tag'
        ? { instruction: `Review these API keys and reroll any you cannot vouch for:\n${list.join('\n')}` }
        : {}),
      detail: { handled: [...handled], affected: list },
    };
  },
} satisfies PlaybookStep<'flag'>;
