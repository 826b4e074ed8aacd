import { DeliveryLedger } from '../../queue/delivery-ledger.js';
import { hookDeliveriesClient } from '../../sweep/hook-deliveries-client.js';
import { RedeliveryMarks } from '../../sweep/redelivery-marks.js';
import { sweepDeliveries, type SweepResult } from '../../sweep/sweep-deliveries.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the sweep worker's dependency is made from. */
export type SweepWiring = Pick<RuntimePieces, 'probot' | 'redis' | 'prefix' | 'log'>;

/**
 * One sweep in production: the App's delivery log through its JWT client (`probot.auth()`, a
 * fresh JWT when the last expired), the receiver's delivery ledger and the shared redelivery marks.
 */
export function createSweepDependencies(wiring: SweepWiring): () => Promise<SweepResult> {
  const ledger = new DeliveryLedger(wiring.redis, { prefix: wiring.prefix });
  const marks = new RedeliveryMarks(wiring.redis, { prefix: wiring.prefix });
  const log = wiring.log.child({ name: 'sweep' });
  return async () =>
    sweepDeliveries({
      client: hookDeliveriesClient(await wiring.probot.auth()),
      processed: (guid) => ledger.seen(guid),
      marks,
      log,
    });
}
