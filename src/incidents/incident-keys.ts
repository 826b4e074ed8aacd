/** The Redis keys of one incident under a prefix: one place names them for every store. */
export function incidentKeys(prefix: string, incidentId: string) {
  const incident = `${prefix}:incident:${incidentId}`;
  return {
    incident,
    occurrences: `${incident}:occurrences`,
    timeline: `${incident}:timeline`,
    reports: `${incident}:reports`,
    run: (run: number) => `${incident}:run:${run}`,
    index: `${prefix}:incidents`,
  };
}
