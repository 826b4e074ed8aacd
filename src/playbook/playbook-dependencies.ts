import type { Logger } from 'pino';
import type { OperatorConfig } from '../config/operator-config.js';
import type { Secret } from '../detect/secret.js';
import type { GitHubClient } from '../github/github-client.js';
import type { IncidentStore } from '../incidents/incident-store.js';
import type { Occurrence } from '../incidents/occurrence.js';
import type { RunStore } from '../incidents/run-store.js';
import type { PlaybookMetrics } from './playbook-metrics.js';
import type { StepName } from './step-names.js';
import type { NotifyRequest } from '../queue/notify-job.js';
import type { UnkeyClient } from '../unkey/unkey-client.js';

/** What re-reading a leaked key from where it leaked gives. */
export type LeakedKeyRead =
  | { readonly key: Secret; readonly from: string }
  | { readonly key: undefined; readonly tried: readonly { occurrence: string; reason: string }[] };

/** The outside world of the playbook, injected (tests pass their own). */
export interface PlaybookDependencies {
  readonly incidents: IncidentStore;
  readonly runs: RunStore<StepName>;
  readonly config: OperatorConfig;
  /** The Unkey adapter. Its liveness probe needs no responder key; everything else does. */
  readonly unkey: UnkeyClient;
  /** `UNKEY_ROOT_KEY` is configured: without it, containment is assisted (a human acts). */
  readonly responderConfigured: boolean;
  /** An installation client for a repository (`owner/name`) or an organisation (`owner`). */
  clientFor(ownerOrRepo: string): Promise<GitHubClient>;
  /** Reads the leaked key again from one of its occurrences (it is never stored). */
  readLeakedKey(occurrences: readonly Occurrence[], fingerprint: string): Promise<LeakedKeyRead>;
  /** Hands the incident to the reporters. */
  notify(request: NotifyRequest): Promise<void>;
  readonly log: Logger;
  /** @defaultValue `() => new Date()` */
  readonly now: () => Date;
  /** Waits in-process (short waits only: confirm's probes). */
  readonly sleep: (ms: number) => Promise<void>;
  /** How long one step may run (tests shorten it). @defaultValue `STEP_DEADLINE_MS` (5 min), or the policy's `confirmTimeout` + 1 min when longer */
  readonly stepDeadlineMs?: number;
  /** Counts step outcomes and the incident clocks. @defaultValue nothing counted */
  readonly metrics?: PlaybookMetrics;
}
