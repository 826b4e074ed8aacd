// The environment a bench gives rootguard (in process or as `serve`/`worker` processes): the
// bench's GitHub and Unkey emulators and the shared Redis under the bench's own prefix.
import type { GitHubEmulator } from '../emulators/github/github-emulator.js';

/** The Redis every bench uses (`ROOTGUARD_REDIS_URL`, or the local one). */
export const BENCH_REDIS_URL = process.env['ROOTGUARD_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** What {@link benchRuntimeEnv} is made from. */
export interface BenchRuntimeEnvOptions {
  readonly github: GitHubEmulator;
  /** The webhook secret the bench signs its deliveries with. */
  readonly webhookSecret: string;
  readonly prefix: string;
  /** The Unkey emulator and rootguard's responder key in it, for benches that contain leaks. */
  readonly unkey?: { readonly url: string; readonly responderKey: string };
}

/** rootguard's environment against the bench's emulators. */
export function benchRuntimeEnv(options: BenchRuntimeEnvOptions): Record<string, string> {
  return {
    APP_ID: String(options.github.appId),
    PRIVATE_KEY: options.github.privateKeyPem,
    WEBHOOK_SECRET: options.webhookSecret,
    GITHUB_API_URL: options.github.url,
    ROOTGUARD_REDIS_URL: BENCH_REDIS_URL,
    // A bench measures time, not durability: the shared Redis keeps no append-only file.
    ROOTGUARD_ALLOW_VOLATILE_REDIS: '1',
    ROOTGUARD_APP_SLUG: 'rootguard',
    ROOTGUARD_PREFIX: options.prefix,
    ...(options.unkey
      ? { UNKEY_API_URL: options.unkey.url, UNKEY_ROOT_KEY: options.unkey.responderKey }
      : {}),
  };
}
