import { Readable } from 'node:stream';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { StepRecord } from '../../incidents/step-record.js';
import type { RunStore } from '../../incidents/run-store.js';
import { deliverFromStdin } from '../runtime/deliver-from-stdin.js';
import type { DemoWorld } from './demo-world.js';
import { waitForHumanNeeded } from './wait-for-playbook.js';

/** What the demo's stand-in for a human did on the assisted path. */
export interface HumanActions {
  /** The replacement's key id in Unkey (the key itself was handed to `deliver` and dropped). */
  readonly rotatedKeyId: string;
  /** `rootguard deliver`'s record of the distribute step. */
  readonly delivered: StepRecord;
}

/** Where `deliver` finds rootguard: the demo runtime's environment and prefix. */
export interface HumanOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly prefix: string;
  readonly log: Logger;
}

/**
 * The assisted path's human: once the playbook asks, rotates the key in the (emulated) Unkey
 * dashboard, wakes the waiting job instead of letting it sleep out its 10 s poll, and, once
 * the run has finished, pipes the new key into the code of `rootguard deliver --incident ID`.
 * `afterRun` waits for the run's end between the rotation and the delivery.
 */
export async function playHuman(
  world: DemoWorld,
  runs: RunStore,
  playbook: Queue,
  incidentId: string,
  options: HumanOptions,
  afterRun: () => Promise<unknown>,
): Promise<HumanActions> {
  await waitForHumanNeeded(runs, incidentId);
  const rotated = world.unkey.rotateRootKeyByHand(world.leaked.keyId);
  await (await playbook.getJob(incidentId))?.promote().catch(() => undefined);
  await afterRun();
  const delivered = await deliverFromStdin({
    env: options.env,
    stdin: Readable.from([`${rotated.key}\n`]),
    incidentId,
    prefix: options.prefix,
    log: options.log,
  });
  return { rotatedKeyId: rotated.keyId, delivered };
}
