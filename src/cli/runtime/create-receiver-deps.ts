import type { AppDependencies } from '../../app/create-app.js';
import { enqueueCommand } from '../../queue/command-job.js';
import { DeliveryLedger, enqueueOnce } from '../../queue/delivery-ledger.js';
import { enqueueScan } from '../../queue/enqueue-scan.js';
import type { RuntimePieces } from './runtime-pieces.js';

/** What the webhook receiver's dependencies are made from. */
export type ReceiverWiring = Pick<RuntimePieces, 'config' | 'redis' | 'prefix' | 'queues'> & {
  /** The App's bot login (its own pushes are not scanned). @defaultValue unknown: none skipped */
  readonly botLogin?: string;
};

/**
 * The receiver's outside world in production: its handlers put scans and commands on their
 * queues, once per delivery id (kept as long as GitHub can redeliver, apart from job retention).
 */
export function createReceiverDependencies(wiring: ReceiverWiring): AppDependencies {
  const { queues } = wiring;
  const deliveries = new DeliveryLedger(wiring.redis, { prefix: wiring.prefix });
  return {
    enqueueScan: async (job) => {
      await enqueueOnce(deliveries, job.deliveryId, () => enqueueScan(queues.scan, job));
    },
    enqueueScans: async (deliveryId, jobs) => {
      await enqueueOnce(deliveries, deliveryId, () =>
        Promise.all(jobs.map((job) => enqueueScan(queues.scan, job))),
      );
    },
    enqueueCommand: async (job) => {
      await enqueueOnce(deliveries, job.deliveryId, () => enqueueCommand(queues.command, job));
    },
    identity: {
      appId: wiring.config.appId,
      ...(wiring.botLogin !== undefined ? { botLogin: wiring.botLogin } : {}),
    },
  };
}
