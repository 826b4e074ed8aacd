import { findInventoryEntry } from '../../config/find-inventory-entry.js';
import type { RootKeyEntry } from '../../config/operator-config.js';
import type { DeployTarget } from '../../sinks/deploy-target.js';
import { RouteUnavailableError, UnkeyRequestError } from '../../unkey/errors.js';
import type { RootKeyInfo } from '../../unkey/upcoming-client.js';
import { defaultDeployTarget } from '../default-deploy-target.js';
import { matchRootKeys } from '../match-root-key.js';
import type { PlaybookStep } from '../playbook-step.js';
import type { StepContext } from '../step-context.js';
import { detailOf, type IdentifyDetail } from '../step-details.js';
import { responderRejected } from '../manual-instructions.js';
import { deployKeysOnce } from '../seal-replacement.js';

/**
 * Which root key leaked, and where is it deployed? The operator's inventory first (by
 * fingerprint), then Unkey's root key list (by stored start and end). One match: the automatic
 * path. None, several, or no way to list: the assisted path (a human rotates the key).
 */
export const identifyStep = {
  name: 'identify',
  // Started with the pass, beside verify: Unkey's root key list, the deploy targets known by
  // fingerprint and their public keys (what contain seals with) do not depend on each other.
  prefetch(ctx) {
    void listedOnce(ctx);
    // The chain is a promise of its own: its failure is the awaiting step's, never unhandled.
    deployOnce(ctx, fingerprintEntry(ctx))
      .then((targets) => deployKeysOnce(ctx, targets.deploy))
      .catch(() => undefined);
  },
  async run(ctx) {
    const byFingerprint = fingerprintEntry(ctx);
    let entry = byFingerprint;
    const [listed, known] = await Promise.all([listedOnce(ctx), deployOnce(ctx, byFingerprint)]);
    let match: RootKeyInfo | undefined;
    if ('keys' in listed && listed.keys.length === 1) {
      match = listed.keys[0];
      entry ??= findInventoryEntry(ctx.deps.config, { keyId: match?.keyId ?? '' });
    }
    const keyId = match?.keyId ?? entry?.keyId;
    // The inventory entry found by key id names other targets than the fingerprint's read.
    const { deploy, deploySource, deployNote } =
      entry === byFingerprint ? known : await deployOnce(ctx, entry);
    const base = {
      deploy,
      deploySource,
      ...(keyId ? { keyId } : {}),
      ...(match ? { name: match.name, createdAt: match.createdAt, permissions: match.permissions } : {}),
      ...(!match && entry?.permissions ? { permissions: entry.permissions } : {}),
      ...(entry ? { inventoryName: entry.name } : {}),
      ...('keys' in listed ? { candidates: listed.keys.length } : {}),
    };
    const who = entry ? `inventory entry "${entry.name}"` : 'no inventory entry';
    if (match) {
      const detail: IdentifyDetail = { path: 'automatic', ...base };
      return {
        outcome: 'done',
        summary: `Root key ${match.keyId}${match.name ? ` ("${match.name}")` : ''} (${who}); ${deployNote}.`,
        detail: { ...detail },
      };
    }
    const reason =
      'reason' in listed ? listed.reason : assistedReason(listed.keys.length, ctx.incident.masked);
    const detail: IdentifyDetail = { path: 'assisted', assistedReason: reason, ...base };
    const dead = detailOf(ctx, 'verify').liveness === 'dead';
    return {
      outcome: 'done',
      summary: dead
        ? `Already revoked, and not identified: ${reason}${keyId ? ` The inventory names ${keyId}.` : ''}`
        : `${reason} Containment is assisted${keyId ? ` (inventory names ${keyId})` : ''}; ${deployNote}.`,
      detail: { ...detail },
    };
  },
} satisfies PlaybookStep<'identify'>;

function fingerprintEntry(ctx: StepContext): RootKeyEntry | undefined {
  return findInventoryEntry(ctx.deps.config, { fingerprint: ctx.incident.fingerprint });
}

function listedOnce(ctx: StepContext): Promise<Listed> {
  return ctx.once('identify:listed', () => listCandidates(ctx));
}

type DeployRead = Awaited<ReturnType<typeof deployTargets>>;

function deployOnce(ctx: StepContext, entry: RootKeyEntry | undefined): Promise<DeployRead> {
  const repo = ctx.occurrences[0]?.location.repo ?? '';
  return ctx.once(`identify:deploy:${entry?.keyId ?? ''}`, () => deployTargets(ctx, entry, repo));
}

type Listed = { readonly keys: RootKeyInfo[] } | { readonly reason: string };

async function listCandidates(ctx: StepContext): Promise<Listed> {
  const { deps } = ctx;
  if (!deps.responderConfigured)
    return { reason: 'UNKEY_ROOT_KEY is not configured, so rootguard cannot act in Unkey.' };
  try {
    const capabilities = await deps.unkey.capabilities();
    if (!capabilities.rootKeys)
      return { reason: 'This Unkey server has no root key API (rootKeys.listKeys answers 404).' };
    const all = await deps.unkey.listRootKeys();
    const key = await ctx.leakedKey();
    return {
      keys: matchRootKeys(all, { masked: ctx.incident.masked, ...(key ? { plaintext: key.reveal() } : {}) }),
    };
  } catch (error) {
    if (error instanceof RouteUnavailableError)
      return { reason: 'This Unkey server has no root key API (rootKeys.listKeys answers 404).' };
    if (error instanceof UnkeyRequestError && (error.status === 401 || error.status === 403))
      return { reason: responderRejected(error, 'rootKeys.listKeys', 'rootKeys/*#read') };
    throw error;
  }
}

function assistedReason(count: number, masked: string): string {
  return count === 0
    ? `No root key of the responder's workspace starts and ends like ${masked} (another workspace's key, or already deleted).`
    : `${count} root keys start and end like ${masked}: rootguard will not guess which one to revoke.`;
}

async function deployTargets(
  ctx: StepContext,
  entry: RootKeyEntry | undefined,
  repo: string,
): Promise<{ deploy: DeployTarget[]; deploySource: IdentifyDetail['deploySource']; deployNote: string }> {
  if (entry && entry.deploy.length > 0)
    return {
      deploy: [...entry.deploy],
      deploySource: 'inventory',
      deployNote: `${entry.deploy.length} deploy target(s) from the inventory`,
    };
  try {
    const target = await defaultDeployTarget(ctx.deps, repo);
    if (target)
      return {
        deploy: [target],
        deploySource: 'default-secret',
        deployNote: `deployed as secret UNKEY_ROOT_KEY in ${repo}`,
      };
    return {
      deploy: [],
      deploySource: 'none',
      deployNote: `no deploy target known (${repo} has no secret UNKEY_ROOT_KEY)`,
    };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 403 || status === 404)
      return {
        deploy: [],
        deploySource: 'none',
        deployNote: `no deploy target known (the App may not list ${repo}'s secrets: it needs "Secrets: read")`,
      };
    throw error;
  }
}
