import type { PlaybookStep } from '../playbook-step.js';

/**
 * Records the `revision` the run reports, so occurrences that arrive later start a follow-up
 * run. The hand-over to the reporters happens once the run is marked finished (`runPlaybook`),
 * so the reports show the run's final status.
 */
export const reportStep = {
  name: 'report',
  async run(ctx) {
    const latest = (await ctx.deps.incidents.get(ctx.incident.id)) ?? ctx.incident;
    return {
      outcome: 'done',
      summary: `Reported to the incident issue, pull requests, check runs and Slack (${latest.occurrenceCount} occurrence(s)).`,
      detail: { revision: latest.revision },
    };
  },
} satisfies PlaybookStep<'report'>;
