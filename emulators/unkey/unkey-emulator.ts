// The Unkey emulator: a stateful loopback HTTP server for the Unkey v2 operations rootguard
// calls (and the draft rootKeys.* / audit.getLogs), checked against Unkey's own description.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes } from './api-routes.js';
import { apiKeyData } from './api-key-data.js';
import { auditRoutes } from './audit-routes.js';
import { Authenticator } from './authenticate.js';
import { ContractValidator } from './contract-validator.js';
import { UnkeyFaults, type UnkeyFaultSpec } from './faults.js';
import { handleRequest, type RecordedUnkeyRequest } from './handle-request.js';
import { keyRoutes } from './key-routes.js';
import { loadUnkeyContract } from './load-contract.js';
import { rootKeyRoutes } from './root-key-routes.js';
import { UnkeyState, type ApiKeyRecord, type AuditLogRecord, type RootKeyRecord } from './unkey-state.js';

/** Options of `startUnkeyEmulator`. */
export interface UnkeyEmulatorOptions {
  /** The emulator clock, Unix ms (expiry, timestamps, the key cache). @defaultValue Date.now */
  now?: () => number;
  /** Serve the draft rootKeys.* and audit.getLogs operations. @defaultValue true */
  upcoming?: boolean;
  /**
   * How long a root-key lookup is served fresh, like Unkey's key cache (10 s in Unkey): a key
   * revoked less than this long after it was last looked up still authenticates.
   * @defaultValue 0 (no cache)
   */
  keyCacheMs?: number;
  /**
   * Up to what age a lookup past `keyCacheMs` is still served once while it is revalidated in
   * the background (the request after it gets the revalidated answer).
   * @defaultValue 600_000 (Unkey's 10 minutes)
   */
  keyCacheStaleMs?: number;
  /** Delay added to every request (for benchmarks). @defaultValue 0 */
  latencyMs?: number;
}

/** Unkey's key cache serves a stale entry up to this age while it revalidates it. */
export const UNKEY_KEY_CACHE_STALE_MS = 600_000;

/** A root key as the emulator stores it (never the plaintext). */
export type RootKeySnapshot = Readonly<RootKeyRecord>;
/** An API key as the emulator stores it (never the plaintext). */
export type ApiKeySnapshot = Readonly<ApiKeyRecord>;

// Loading and compiling the 760 kB description takes a while: emulators in one process share it.
let shared: { contract: ReturnType<typeof loadUnkeyContract>; validator: ContractValidator } | undefined;

/** A running emulator. */
export class UnkeyEmulator {
  /** Requests and responses the contract rejects, as `METHOD path: problem`. Tests expect none. */
  readonly violations: string[] = [];
  /** Every request, with its body as received. */
  readonly requests: RecordedUnkeyRequest[] = [];
  readonly faults = new UnkeyFaults();
  readonly #state: UnkeyState;
  readonly #server: Server;
  readonly #url: string;
  #upcoming: boolean;
  readonly #withdrawn = new Set<string>();

  private constructor(state: UnkeyState, server: Server, url: string, upcoming: boolean) {
    this.#state = state;
    this.#server = server;
    this.#url = url;
    this.#upcoming = upcoming;
  }

  /** @internal use startUnkeyEmulator. */
  static async start(options: UnkeyEmulatorOptions = {}): Promise<UnkeyEmulator> {
    shared ??= (() => {
      const contract = loadUnkeyContract();
      return { contract, validator: new ContractValidator(contract) };
    })();
    const { contract, validator } = shared;
    const state = new UnkeyState(options.now ?? Date.now);
    const authenticator = new Authenticator(state, {
      freshMs: options.keyCacheMs ?? 0,
      staleMs: options.keyCacheStaleMs ?? UNKEY_KEY_CACHE_STALE_MS,
    });
    const routes = { ...apiRoutes, ...keyRoutes, ...rootKeyRoutes, ...auditRoutes };
    const holder: { emulator?: UnkeyEmulator } = {};
    const server = createServer((req, res) => {
      const e = holder.emulator!;
      void handleRequest(
        {
          state,
          contract,
          validator,
          authenticator,
          routes,
          faults: e.faults,
          violations: e.violations,
          requests: e.requests,
          upcoming: (op) => e.#upcoming && !e.#withdrawn.has(op),
          latencyMs: options.latencyMs ?? 0,
        },
        req,
        res,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    holder.emulator = new UnkeyEmulator(state, server, url, options.upcoming ?? true);
    return holder.emulator;
  }

  /** Base URL, e.g. `http://127.0.0.1:PORT` (the SDK's `serverURL`). */
  get url(): string {
    return this.#url;
  }

  /** The emulated workspace id (`ws_…`), for URN permissions. */
  get workspaceId(): string {
    return this.#state.workspaceId;
  }

  /** Switches the draft operations on or off; off, they answer 404 like an unknown route. */
  setUpcoming(enabled: boolean): void {
    this.#upcoming = enabled;
  }

  /**
   * Withdraws (or restores) one draft operation, e.g. `audit.getLogs` (unmerged upstream) while
   * the `rootKeys.*` ones stay.
   */
  setUpcomingOperation(op: string, enabled: boolean): void {
    if (enabled) this.#withdrawn.delete(op);
    else this.#withdrawn.add(op);
  }

  /** Injects a fault for an operationId (`keys.rerollKey`) or every operation (`'*'`). */
  fault(op: string, spec: UnkeyFaultSpec): void {
    this.faults.add(op, spec);
  }

  /**
   * Disables (or enables again) the whole workspace, as Unkey's staff or billing do: every root
   * key answers 403 `workspace_disabled` (once the key cache has revalidated) until enabled.
   */
  setWorkspaceEnabled(enabled: boolean): void {
    this.#state.workspaceEnabled = enabled;
  }

  /** Seeds a root key; the caller holds the only copy of the plaintext. */
  addRootKey(input: {
    name?: string;
    permissions: string[];
    enabled?: boolean;
    createdAt?: number;
    expires?: number | null;
  }): { keyId: string; key: string } {
    const { record, key } = this.#state.issueRootKey(input);
    return { keyId: record.keyId, key };
  }

  /**
   * What a human does in Unkey's dashboard: rotate a root key without grace (a new key with its
   * name and permissions; the old one expires at once, so it answers 403 `forbidden` "the key
   * has expired on …"). Not audited as a root key's action.
   */
  rotateRootKeyByHand(keyId: string): { keyId: string; key: string } {
    const old = this.#state.rootKeys.get(keyId);
    if (!old) throw new Error(`emulator: no root key ${keyId}`);
    old.expires = this.#state.now();
    const { record, key } = this.#state.issueRootKey({
      name: old.name,
      permissions: old.permissions,
      enabled: old.enabled,
    });
    return { keyId: record.keyId, key };
  }

  /** Overwrites a root key's stored `start` and `end` (to make two keys look alike in a list). */
  setStoredEnds(keyId: string, start: string, end: string): void {
    const record = this.#state.rootKeys.get(keyId);
    if (!record) throw new Error(`emulator: no root key ${keyId}`);
    record.start = start;
    record.end = end;
  }

  /** What a human (or Unkey's partner revocation) does: delete a root key outright. */
  deleteRootKeyByHand(keyId: string): void {
    const old = this.#state.rootKeys.get(keyId);
    if (!old) throw new Error(`emulator: no root key ${keyId}`);
    old.deleted = true;
  }

  /** Seeds an API; returns its id. */
  addApi(input: { name: string }): string {
    return this.#state.addApi(input.name).apiId;
  }

  /** Seeds an API key (its plaintext is not returned: tests never need it). */
  addApiKey(
    apiId: string,
    input: { name?: string; meta?: Record<string, unknown>; recoverable?: boolean; createdAt?: number } = {},
  ): { keyId: string } {
    if (!this.#state.apis.has(apiId)) throw new Error(`emulator: no API ${apiId}`);
    return { keyId: this.#state.issueApiKey(apiId, input).record.keyId };
  }

  /** A copy of a root key's record (no plaintext), or undefined. */
  rootKey(keyId: string): RootKeySnapshot | undefined {
    const record = this.#state.rootKeys.get(keyId);
    return record ? structuredClone(record) : undefined;
  }

  /** Copies of every root key's record, deleted ones included. */
  rootKeys(): RootKeySnapshot[] {
    return [...this.#state.rootKeys.values()].map((r) => structuredClone(r));
  }

  /** Copies of an API's keys, deleted ones included. */
  apiKeys(apiId: string): ApiKeySnapshot[] {
    return [...this.#state.apiKeys.values()].filter((k) => k.apiId === apiId).map((k) => structuredClone(k));
  }

  /** An API key in the `KeyResponseData` shape the API serves. */
  apiKeyData(keyId: string): Record<string, unknown> | undefined {
    const record = this.#state.apiKeys.get(keyId);
    return record ? apiKeyData(record) : undefined;
  }

  /** A copy of the audit log, oldest first. */
  auditLog(): AuditLogRecord[] {
    return structuredClone(this.#state.audit);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Starts an emulator on a free loopback port. */
export function startUnkeyEmulator(options?: UnkeyEmulatorOptions): Promise<UnkeyEmulator> {
  return UnkeyEmulator.start(options);
}
