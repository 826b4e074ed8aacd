// GitHub Actions secrets as GitHub keeps them: per scope (repository, repository environment,
// organisation) a libsodium key pair whose public half clients seal values with, and secrets
// stored only as the sealed value. The private keys stay here: tests decrypt with them to check
// what a secret holds, and never print it.
import { randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers';
import { GitHubHttpError, unprocessable } from './http-reply.js';

/** libsodium loads its WebAssembly once; the emulator awaits this before it serves. */
export const sodiumReady: Promise<void> = sodium.ready;

/** Where a secret lives. A rootguard `DeployTarget` (which adds `name`) fits this shape. */
export type SecretScope =
  | { readonly scope: 'repo'; readonly repo: string }
  | { readonly scope: 'environment'; readonly repo: string; readonly environment: string }
  | { readonly scope: 'org'; readonly org: string };

/** Which repositories of an organisation see an organisation secret. */
export type OrgSecretVisibility = 'all' | 'private' | 'selected';

/** A stored secret. */
export interface SecretRecord {
  name: string;
  /** The sealed value, base64 (original variant), as the client sent it. */
  encryptedValue: string;
  keyId: string;
  createdAt: string;
  updatedAt: string;
  /** Organisation secrets only. */
  visibility?: OrgSecretVisibility;
  /** Organisation secrets with visibility `selected` only. */
  selectedRepositoryIds?: number[];
}

/** One create or update of a secret, through the API or a seeding helper. */
export interface SecretWrite {
  readonly scope: SecretScope;
  readonly name: string;
  readonly at: string;
}

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** GitHub's rule for secret names: letters, digits and `_`, not starting with a digit or `GITHUB_`. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The map key of a scope (GitHub treats repository, environment and org names case-insensitively). */
export function scopeKey(scope: SecretScope): string {
  if (scope.scope === 'repo') return `repo:${scope.repo.toLowerCase()}`;
  if (scope.scope === 'environment')
    return `environment:${scope.repo.toLowerCase()}:${scope.environment.toLowerCase()}`;
  return `org:${scope.org.toLowerCase()}`;
}

/** GitHub's key ids are long decimal strings. */
function newKeyId(): string {
  return (BigInt(`0x${randomBytes(8).toString('hex')}`) % 10n ** 18n).toString().padStart(18, '1');
}

function b64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
}

/** Key pairs, secrets and environments of every scope. */
export class SecretStore {
  readonly writes: SecretWrite[] = [];
  /** Key pairs by scope key: the current one last; older ones kept to open secrets sealed with them. */
  readonly #keys = new Map<string, KeyPair[]>();
  readonly #secrets = new Map<string, Map<string, SecretRecord>>();
  readonly #environments = new Set<string>();

  addEnvironment(repo: string, environment: string): void {
    this.#environments.add(scopeKey({ scope: 'environment', repo, environment }));
  }

  hasEnvironment(repo: string, environment: string): boolean {
    return this.#environments.has(scopeKey({ scope: 'environment', repo, environment }));
  }

  /** The scope's current public key (made on first use). */
  publicKey(scope: SecretScope): { keyId: string; key: string } {
    const pair = this.#current(scope);
    return { keyId: pair.keyId, key: b64(pair.publicKey) };
  }

  /** A new key pair for the scope: a PUT with the old key id now answers 422. */
  rotate(scope: SecretScope): void {
    this.#current(scope);
    this.#keys.get(scopeKey(scope))!.push(this.#newPair());
  }

  list(scope: SecretScope): SecretRecord[] {
    const secrets = [...(this.#secrets.get(scopeKey(scope))?.values() ?? [])];
    return secrets.sort((a, b) => a.name.localeCompare(b.name));
  }

  get(scope: SecretScope, name: string): SecretRecord | undefined {
    return this.#secrets.get(scopeKey(scope))?.get(name.toUpperCase());
  }

  /**
   * Creates or updates a secret from a sealed value, as GitHub's PUT does: 422 when the key id is
   * not the scope's current one (the public key changed) or the value does not open with it.
   */
  put(
    scope: SecretScope,
    input: {
      name: string;
      encryptedValue: string;
      keyId: string;
      at: string;
      visibility?: OrgSecretVisibility;
      selectedRepositoryIds?: number[];
    },
  ): 'created' | 'updated' {
    const name = input.name.toUpperCase();
    if (!SECRET_NAME.test(name) || name.startsWith('GITHUB_'))
      throw unprocessable('Secret names can only contain alphanumeric characters or underscores');
    const pair = this.#current(scope);
    if (input.keyId !== pair.keyId) throw unprocessable('Bad request - key_id is not the current public key');
    if (this.#open(pair, input.encryptedValue) === undefined)
      throw unprocessable('Bad request - could not decrypt the secret with the public key');
    const secrets = this.#secrets.get(scopeKey(scope)) ?? new Map<string, SecretRecord>();
    this.#secrets.set(scopeKey(scope), secrets);
    const existing = secrets.get(name);
    secrets.set(name, {
      name,
      encryptedValue: input.encryptedValue,
      keyId: input.keyId,
      createdAt: existing?.createdAt ?? input.at,
      updatedAt: input.at,
      ...(input.visibility === undefined ? {} : { visibility: input.visibility }),
      ...(input.visibility === 'selected'
        ? { selectedRepositoryIds: input.selectedRepositoryIds ?? [] }
        : {}),
    });
    this.writes.push({ scope, name, at: input.at });
    return existing ? 'updated' : 'created';
  }

  /** Seals `value` with the scope's current key, as a client would (for the seeding helpers). */
  seal(scope: SecretScope, value: string): { encryptedValue: string; keyId: string } {
    const pair = this.#current(scope);
    return {
      encryptedValue: b64(sodium.crypto_box_seal(sodium.from_string(value), pair.publicKey)),
      keyId: pair.keyId,
    };
  }

  /** The plaintext a secret holds, opened with the key pair it was sealed for. Tests only. */
  decrypt(scope: SecretScope, name: string): string | undefined {
    const secret = this.get(scope, name);
    if (!secret) return undefined;
    const pair = this.#keys.get(scopeKey(scope))?.find((p) => p.keyId === secret.keyId);
    if (!pair) throw new GitHubHttpError(500, `emulator: no key pair ${secret.keyId}`);
    return this.#open(pair, secret.encryptedValue);
  }

  #current(scope: SecretScope): KeyPair {
    const key = scopeKey(scope);
    const pairs = this.#keys.get(key) ?? [this.#newPair()];
    this.#keys.set(key, pairs);
    return pairs[pairs.length - 1]!;
  }

  #newPair(): KeyPair {
    const { publicKey, privateKey } = sodium.crypto_box_keypair();
    return { keyId: newKeyId(), publicKey, privateKey };
  }

  #open(pair: KeyPair, encryptedValue: string): string | undefined {
    try {
      const sealed = sodium.from_base64(encryptedValue, sodium.base64_variants.ORIGINAL);
      return sodium.to_string(sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey));
    } catch {
      return undefined;
    }
  }
}
