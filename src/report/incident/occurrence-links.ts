import type { Occurrence } from '../../incidents/occurrence.js';
import type { PlaceLink } from '../../sources/occurrences/occurrence-source.js';
import { occurrenceSourceFor } from '../../sources/occurrences/registry.js';
import { maskReportText } from '../markdown/mask-report-text.js';

/**
 * The occurrence's page under `githubUrl` (GitHub, a GHES host or the emulator) and a line of
 * text naming the repository and the place, as the occurrence's kind gives them (e.g. a commit's
 * line `blob/{commit}/{path}#L{line}`, a job's log, the secret scanning alert), every text
 * through {@link maskReportText}.
 */
export function occurrenceLink(occurrence: Occurrence, githubUrl: string): PlaceLink {
  const location = occurrence.location;
  return occurrenceSourceFor(location).link(location, { githubUrl, mask: maskReportText });
}
