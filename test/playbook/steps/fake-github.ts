// An in-memory GitHub for the step tests: the few Actions routes the steps reach through the
// sinks (scope public keys, secret PUTs, secret names, run log deletion). Each scope has a real
// libsodium key pair, so a test can open what a step sealed and compare fingerprints.
import sodium from 'libsodium-wrappers';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import type { PlaybookDependencies } from '../../../src/playbook/playbook-dependencies.js';

type GitHubClient = Awaited<ReturnType<PlaybookDependencies['clientFor']>>;

/** The routes a test can make fail. */
export type FakeRoute =
  | 'getRepoPublicKey'
  | 'getEnvironmentPublicKey'
  | 'getOrgPublicKey'
  | 'createOrUpdateRepoSecret'
  | 'createOrUpdateEnvironmentSecret'
  | 'createOrUpdateOrgSecret'
  | 'listRepoSecrets'
  | 'deleteWorkflowRunLogs';

interface Scope {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/** GitHub's error shape as Octokit throws it (status, message, headers). */
export function githubError(status: number, message = 'refused'): Error {
  return Object.assign(new Error(`GitHub ${status}: ${message}`), {
    status,
    response: { status, data: { message }, headers: {} },
  });
}

/** A fake GitHub; `createFakeGitHub` waits for libsodium. */
export class FakeGitHub {
  /** Each route called, with the scope or run it named (`getRepoPublicKey acme/api`). */
  readonly calls: string[] = [];
  /** Secret names per repository (what `listRepoSecrets` lists). */
  readonly repoSecretNames = new Map<string, string[]>();
  /** Run logs deleted, as `owner/repo#runId`. */
  readonly deletedRunLogs: string[] = [];
  readonly #scopes = new Map<string, Scope>();
  readonly #secrets = new Map<string, { readonly scope: string; readonly ciphertext: string }>();
  readonly #failures = new Map<string, Error>();
  #issued = 0;

  /** Makes a route fail for one scope (`acme/api`, `acme/api:production`, `acme`) or run (`acme/api#7`), or `*`. */
  fail(route: FakeRoute, status: number, on = '*', message?: string): void {
    this.#failures.set(`${route} ${on}`, githubError(status, message));
  }

  /** The fingerprint of what a secret holds (opened with its scope's private key), or undefined. */
  secretFingerprint(scope: string, name: string): string | undefined {
    const stored = this.#secrets.get(`${scope}/${name}`);
    return stored ? this.openSealed(stored.scope, stored.ciphertext) : undefined;
  }

  /** The fingerprint of what a ciphertext sealed for a scope holds (what GitHub would decrypt). */
  openSealed(scope: string, ciphertext: string): string {
    const keys = this.#scope(scope);
    const opened = sodium.crypto_box_seal_open(
      sodium.from_base64(ciphertext, sodium.base64_variants.ORIGINAL),
      keys.publicKey,
      keys.privateKey,
    );
    return fingerprintKey(sodium.to_string(opened));
  }

  /** Secrets set, as `scope/NAME`. */
  secretsSet(): string[] {
    return [...this.#secrets.keys()];
  }

  /** Changes a scope's public key (what makes GitHub answer 422 to a PUT sealed for the old one). */
  rotatePublicKey(scope: string): void {
    this.#scopes.delete(scope);
  }

  clientFor = async (_ownerOrRepo: string): Promise<GitHubClient> => {
    const call = <T>(route: FakeRoute, on: string, answer: () => T): Promise<{ data: T }> => {
      this.calls.push(`${route} ${on}`);
      const failure = this.#failures.get(`${route} ${on}`) ?? this.#failures.get(`${route} *`);
      return failure ? Promise.reject(failure) : Promise.resolve({ data: answer() });
    };
    const publicKey = (scope: string) => {
      const keys = this.#scope(scope);
      return { key_id: keys.keyId, key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) };
    };
    const put = (scope: string, p: { secret_name: string; encrypted_value: string; key_id: string }) => {
      // GitHub refuses a value sealed for a public key that is no longer the scope's.
      if (p.key_id !== this.#scope(scope).keyId) throw githubError(422, 'Bad request: key_id');
      this.#secrets.set(`${scope}/${p.secret_name}`, { scope, ciphertext: p.encrypted_value });
      return {};
    };
    type Repo = { owner: string; repo: string };
    const actions = {
      getRepoPublicKey: (p: Repo) => call('getRepoPublicKey', full(p), () => publicKey(full(p))),
      getEnvironmentPublicKey: (p: Repo & { environment_name: string }) => {
        const scope = `${full(p)}:${p.environment_name}`;
        return call('getEnvironmentPublicKey', scope, () => publicKey(scope));
      },
      getOrgPublicKey: (p: { org: string }) => call('getOrgPublicKey', p.org, () => publicKey(p.org)),
      createOrUpdateRepoSecret: (p: Repo & SecretPut) =>
        call('createOrUpdateRepoSecret', full(p), () => put(full(p), p)),
      createOrUpdateEnvironmentSecret: (p: Repo & SecretPut & { environment_name: string }) => {
        const scope = `${full(p)}:${p.environment_name}`;
        return call('createOrUpdateEnvironmentSecret', scope, () => put(scope, p));
      },
      getOrgSecret: () => Promise.reject(githubError(404, 'Not Found')),
      createOrUpdateOrgSecret: (p: { org: string } & SecretPut) =>
        call('createOrUpdateOrgSecret', p.org, () => put(p.org, p)),
      listRepoSecrets: (p: Repo) =>
        call('listRepoSecrets', full(p), () => ({
          total_count: (this.repoSecretNames.get(full(p)) ?? []).length,
          secrets: (this.repoSecretNames.get(full(p)) ?? []).map((name) => ({ name })),
        })),
      deleteWorkflowRunLogs: (p: Repo & { run_id: number }) =>
        call('deleteWorkflowRunLogs', `${full(p)}#${p.run_id}`, () => {
          this.deletedRunLogs.push(`${full(p)}#${p.run_id}`);
          return {};
        }),
    };
    const paginate = async (route: (p: never) => Promise<{ data: { secrets: unknown[] } }>, p: never) =>
      (await route(p)).data.secrets;
    return { rest: { actions }, paginate } as unknown as GitHubClient;
  };

  #scope(scope: string): Scope {
    let keys = this.#scopes.get(scope);
    if (!keys) {
      const pair = sodium.crypto_box_keypair();
      keys = { keyId: `pk-${scope}-${++this.#issued}`, ...pair };
      this.#scopes.set(scope, keys);
    }
    return keys;
  }
}

interface SecretPut {
  readonly secret_name: string;
  readonly encrypted_value: string;
  readonly key_id: string;
}

function full(p: { owner: string; repo: string }): string {
  return `${p.owner}/${p.repo}`;
}

/** A fake GitHub, once libsodium is ready. */
export async function createFakeGitHub(): Promise<FakeGitHub> {
  await sodium.ready;
  return new FakeGitHub();
}
