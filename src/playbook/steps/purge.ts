import { deleteRunLogs } from '../../sinks/delete-run-logs.js';
import { SinkError } from '../../sinks/errors.js';
import { occurrenceSourceFor } from '../../sources/occurrences/registry.js';
import type { PlaybookStep } from '../playbook-step.js';
import { detailOf } from '../step-details.js';

/**
 * Deletes the Actions run logs that held the key (policy `purgeLogs`), the runs its occurrences'
 * kinds name (`OccurrenceSource.runLogs`): the key is dead by now,
 * but a log that shows it keeps teaching whoever reads it. Commits are left alone: rewriting
 * history is the author's call.
 */
export const purgeStep = {
  name: 'purge',
  async run(ctx) {
    const runs = new Map<string, { repo: string; runId: number }>();
    for (const { location } of ctx.occurrences) {
      const run = occurrenceSourceFor(location).runLogs?.(location);
      if (run) runs.set(`${run.repo}#${run.runId}`, run);
    }
    if (runs.size === 0) return { outcome: 'skipped', summary: 'No Actions log held the key.' };
    if (!ctx.policy.purgeLogs)
      return {
        outcome: 'skipped',
        summary: `The policy keeps run logs (purgeLogs: false): ${runs.size} run log(s) still show the dead key.`,
      };
    if (detailOf(ctx, 'gate').mode === 'dry-run')
      return {
        outcome: 'skipped',
        summary: `Dry run: would delete the logs of ${runs.size} run(s).`,
        detail: { dryRun: true },
      };
    const deleted = new Set<string>(ctx.progress.deleted ?? []);
    const refused: string[] = [];
    for (const [id, { repo, runId }] of runs) {
      if (deleted.has(id)) continue;
      try {
        await deleteRunLogs(await ctx.deps.clientFor(repo), repo, runId);
        deleted.add(id);
        await ctx.checkpoint({ deleted: [...deleted] });
      } catch (error) {
        if (!(error instanceof SinkError && error.code === 'permission-missing')) throw error;
        refused.push(id);
      }
    }
    if (refused.length > 0)
      return {
        outcome: 'manual',
        summary: `Deleted the logs of ${deleted.size} run(s); GitHub refused ${refused.length}.`,
        instruction: `Delete the logs of these runs by hand (the App needs "Actions: write"): ${refused.join(', ')}.`,
        detail: { deleted: [...deleted], refused },
      };
    return {
      outcome: 'done',
      summary: `Deleted the logs of ${deleted.size} run(s) that held the key.`,
      detail: { deleted: [...deleted] },
    };
  },
} satisfies PlaybookStep<'purge'>;
