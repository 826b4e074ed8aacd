// The Slack incoming-webhook emulator: a loopback HTTP server that answers posts to webhook URLs
// as Slack does, checks their Block Kit, and records every message and request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackFaults, type SlackFaultRule } from './faults.js';
import { handleRequest, type SlackMessageRecord, type SlackRequestRecord } from './handle-request.js';
import { WebhookUrls } from './webhook-urls.js';

/** Options of `startSlackEmulator`. */
export interface SlackEmulatorOptions {
  /** Delay added to every request before it is answered (for benchmarks). @defaultValue 0 */
  latencyMs?: number;
  /** The clock of `receivedAt`. @defaultValue () => new Date() */
  now?: () => Date;
}

/** A running emulator. */
export class SlackEmulator {
  readonly #server: Server;
  readonly #url: string;
  readonly #urls: WebhookUrls;
  readonly #faults: SlackFaults;
  readonly #messages: SlackMessageRecord[];
  readonly #requests: SlackRequestRecord[];
  readonly #violations: string[];

  private constructor(
    server: Server,
    url: string,
    state: {
      urls: WebhookUrls;
      faults: SlackFaults;
      messages: SlackMessageRecord[];
      requests: SlackRequestRecord[];
      violations: string[];
    },
  ) {
    this.#server = server;
    this.#url = url;
    this.#urls = state.urls;
    this.#faults = state.faults;
    this.#messages = state.messages;
    this.#requests = state.requests;
    this.#violations = state.violations;
  }

  /** @internal use startSlackEmulator. */
  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const state = {
      urls: new WebhookUrls(),
      faults: new SlackFaults(),
      messages: [] as SlackMessageRecord[],
      requests: [] as SlackRequestRecord[],
      violations: [] as string[],
    };
    const deps = { ...state, latencyMs: options.latencyMs ?? 0, now: options.now ?? (() => new Date()) };
    const server = createServer((req, res) => void handleRequest(deps, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new SlackEmulator(server, url, state);
  }

  /** The loopback base URL, e.g. `http://127.0.0.1:PORT`. */
  get url(): string {
    return this.#url;
  }

  /** Registers a new incoming webhook for `channel` and returns its URL (a new one per call). */
  webhookUrl(channel: string): string {
    return this.#url + this.#urls.register(channel);
  }

  /** The messages Slack accepted, in order; only `channel`'s when given. */
  messages(channel?: string): readonly SlackMessageRecord[] {
    return channel === undefined ? [...this.#messages] : this.#messages.filter((m) => m.channel === channel);
  }

  /** Every request with its raw body, in order (for secret canaries). */
  get requests(): readonly SlackRequestRecord[] {
    return this.#requests;
  }

  /** What Slack would refuse or warn about, as `#channel: problem`. Tests expect none. */
  get violations(): readonly string[] {
    return this.#violations;
  }

  /** Makes the next matching posts fail as Slack can (`times` of them, default 1). */
  fault(rule: SlackFaultRule): void {
    this.#faults.add(rule);
  }

  /** Stops the server. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Starts an emulator on a free loopback port. */
export function startSlackEmulator(options?: SlackEmulatorOptions): Promise<SlackEmulator> {
  return SlackEmulator.start(options);
}
