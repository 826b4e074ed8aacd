import { createLogger } from '../../log/create-logger.js';
import type { CommandContext } from '../cli-command.js';
import { assertNoKey } from './assert-no-key.js';
import { CleanupStack } from './cleanup-stack.js';
import { resolveDemoRedis } from './demo-redis.js';
import { renderDemoJson } from './render-demo-json.js';
import { renderDemoText } from './render-demo-text.js';
import { runDemo } from './run-demo.js';

/** The flags of `rootguard demo`. */
export interface DemoFlags {
  readonly json: boolean;
  readonly assisted: boolean;
  readonly redis?: string;
}

/**
 * `rootguard demo`: finds a Redis, runs the demo, prints the account (text or JSON) once it has
 * checked that the account holds no key, and undoes everything it opened, also on failure and
 * on Ctrl-C (SIGINT/SIGTERM: cleaned up, then exit 130).
 */
export async function runDemoCommand(context: CommandContext, flags: DemoFlags): Promise<void> {
  const { io } = context;
  const cleanup = new CleanupStack();
  // Once interrupted, what is being torn down may still log (a closed connection): not news.
  let quiet = false;
  const interrupted = (signal: string) => {
    quiet = true;
    io.stderr.write(`rootguard: demo interrupted (${signal}): cleaning up\n`);
    void cleanup.run().finally(() => process.exit(130));
  };
  const onSigint = () => interrupted('SIGINT');
  const onSigterm = () => interrupted('SIGTERM');
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  try {
    const redis = await resolveDemoRedis(flags.redis);
    cleanup.push(() => redis.stop());
    // rootguard's errors go to stderr (masked, as everywhere; its warnings, such as "incident opened",
    // are the account's subject); stdout is the account.
    const log = createLogger({
      name: 'demo',
      level: 'error',
      destination: { write: (line: string) => (quiet ? undefined : io.stderr.write(line)) },
    });
    if (redis.volatile)
      io.stderr.write(
        `rootguard: warning: the Redis at ${redis.displayUrl} keeps no append-only file (appendonly no), so the demo runs with ROOTGUARD_ALLOW_VOLATILE_REDIS=1; rootguard serve and worker refuse such a Redis unless it is set.\n`,
      );
    const result = await runDemo({
      redisUrl: redis.url,
      volatileRedis: redis.volatile,
      assisted: flags.assisted,
      cleanup,
      log,
    });
    const color = !flags.json && (io.stdout as { isTTY?: boolean }).isTTY === true;
    const output = flags.json ? renderDemoJson(result) : renderDemoText(result, { color });
    assertNoKey(output);
    await cleanup.run();
    io.stdout.write(output);
  } finally {
    await cleanup.run();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}
