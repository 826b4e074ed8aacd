import type { ReporterDelivery } from '../../incidents/report-store.js';

/** The reporters of an incident, each fed by its own jobs on the notify queue, in report order. */
export const REPORTER_NAMES = ['issue', 'pull-request', 'check-run', 'slack'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Narrows a stored reporter name (`src/incidents` stores any name) to one of ours. */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/**
 * The deliveries of our reporters, in `REPORTER_NAMES` order (the reports list them so); a
 * delivery under another name is not ours and is left out.
 */
export function orderDeliveries(deliveries: readonly ReporterDelivery[]): ReporterDelivery<ReporterName>[] {
  return REPORTER_NAMES.flatMap((name) =>
    deliveries.flatMap((delivery) => (delivery.reporter === name ? [{ ...delivery, reporter: name }] : [])),
  );
}
