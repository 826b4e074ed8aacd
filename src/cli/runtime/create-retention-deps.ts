import { STEP_NAMES } from '../../playbook/step-names.js';
import type { RetentionDependencies } from '../../queue/start-retention-worker.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the retention worker's dependencies are made from. */
export type RetentionWiring = Pick<RuntimePieces, 'config' | 'redis' | 'prefix' | 'log'>;

/** The retention pass's outside world: the incidents' Redis, the retention settings, the archive directory. */
export function createRetentionDependencies(wiring: RetentionWiring): RetentionDependencies {
  return {
    redis: wiring.redis,
    prefix: wiring.prefix,
    retentionDays: wiring.config.incidentRetentionDays,
    archiveDir: wiring.config.archiveDir,
    steps: STEP_NAMES,
    log: wiring.log.child({ name: 'retention' }),
  };
}
