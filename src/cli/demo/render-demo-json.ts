import type { DemoResult } from './demo-result.js';

/**
 * `--json`: one object, `{ incident, occurrences, run: { run, steps }, timeline, reports }`
 * (and `human` on the assisted path): the incident record as Redis holds it, and the reports.
 */
export function renderDemoJson(result: DemoResult): string {
  const { incident, occurrences, run, timeline, reports, human } = result;
  return `${JSON.stringify({ incident, occurrences, run, timeline, reports, ...(human ? { human } : {}) }, null, 2)}\n`;
}
