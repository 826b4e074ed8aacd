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

/**
 * The keys shared by all incidents that index them: follow-ups (`RunStore`), issue → incident and
 * check run → incidents (`ReportStore`). Removing an incident removes its entries there too.
 */
export function incidentIndexKeys(prefix: string) {
  return {
    followUps: `${prefix}:playbook-followups`,
    /** Hash: `issue:{repo}#{number}` → incident id. */
    reportIndex: `${prefix}:report-index`,
    /** Set of the incident ids a check run reported. */
    checkRun: (repo: string, checkRunId: number | string) => `${prefix}:check-run:${repo}#${checkRunId}`,
  };
}
