// Starts an emulator with one installation and one repository, and an Octokit for it.
import { ProbotOctokit } from 'probot';
import {
  startGitHubEmulator,
  type GitHubEmulator,
  type GitHubEmulatorOptions,
} from '../../../emulators/github/github-emulator.js';

export const INSTALLATION_ID = 77;
export const REPO = 'acme/app';

/** Octokit without retries or throttling, so faults reach the test as they are. */
export type TestOctokit = InstanceType<typeof ProbotOctokit>;

export interface EmulatorFixture {
  emulator: GitHubEmulator;
  /** Authenticated as the installation through the App JWT flow. */
  octokit: TestOctokit;
  token: string;
}

export async function startFixture(options: GitHubEmulatorOptions = {}): Promise<EmulatorFixture> {
  const emulator = await startGitHubEmulator(options);
  emulator.addInstallation({ id: INSTALLATION_ID, account: { login: 'acme', type: 'Organization' } });
  await emulator.createRepository(REPO, { installationId: INSTALLATION_ID });
  const app = new ProbotOctokit({
    baseUrl: emulator.url,
    auth: { appId: emulator.appId, privateKey: emulator.privateKeyPem },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const { token } = (await app.auth({ type: 'installation', installationId: INSTALLATION_ID })) as {
    token: string;
  };
  const octokit = new ProbotOctokit({
    baseUrl: emulator.url,
    auth: { token },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return { emulator, octokit, token };
}
