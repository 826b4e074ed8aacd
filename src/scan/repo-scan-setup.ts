import { createPathFilter } from '../config/create-path-filter.js';
import { loadRepoConfig } from '../config/load-repo-config.js';
import type { ConfigProblem, RepoConfig } from '../config/repo-config.js';
import { createDetector, type Detector } from '../detect/create-detector.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';

/** What a repository's `.github/rootguard.yml` decides for one scan. */
export interface RepoScanSetup {
  readonly config: RepoConfig;
  /** Problems in the file: the scan runs with defaults, and the check run shows them. */
  readonly problems: readonly ConfigProblem[];
  readonly detector: Detector;
  readonly filter: ReturnType<typeof createPathFilter>;
}

// A detector compiles its literal tables once; repositories mostly share the same prefixes.
const detectors = new Map<string, Detector>();
const MAX_CACHED_DETECTORS = 64;

function detectorFor(apiKeyPrefixes: readonly string[]): Detector {
  const key = [...apiKeyPrefixes].sort().join(' ');
  let detector = detectors.get(key);
  if (detector === undefined) {
    if (detectors.size >= MAX_CACHED_DETECTORS) detectors.clear();
    detector = createDetector({ apiKeyPrefixes });
    detectors.set(key, detector);
  }
  return detector;
}

/**
 * Reads the repository's config (defaults when absent or invalid) and prepares the detector: its
 * API key prefixes and the operator's (`operatorPrefixes`, which no repository can turn off).
 */
export async function setUpRepoScan(
  client: GitHubClient,
  repo: RepoRef,
  operatorPrefixes: readonly string[] = [],
): Promise<RepoScanSetup> {
  const { config, problems } = await loadRepoConfig(client, repo);
  const prefixes = [...new Set([...operatorPrefixes, ...config.apiKeyPrefixes])];
  return { config, problems, detector: detectorFor(prefixes), filter: createPathFilter(config) };
}
