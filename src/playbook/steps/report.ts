import type { PlaybookStep } from '../playbook-step.js';

/**
 * Hands the incident to the notify queue (the reporters render the issue, the pull request
 * comment and Slack from the incident record). Records the `revision` reported, so occurrences
 * that arrive later start a follow-up run.
 */
export const reportStep = {
  name: 'report',
  async run(ctx) {
    const latest = (await ctx.deps.incidents.get(ctx.incident.id)) ?? ctx.incident;
    await ctx.deps.notify({ incidentId: latest.id, run: ctx.run.run, revision: latest.revision });
    return {
      outcome: 'done',
      summary: `Handed to the reporters (${latest.occurrenceCount} occurrence(s)).`,
      detail: { revision: latest.revision },
    };
  },
} satisfies PlaybookStep;
