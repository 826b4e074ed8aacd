import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenReceiver } from '../../../src/cli/runtime/listen-receiver.js';

describe('listenReceiver', () => {
  it('listens on the port asked (0: any), answers on 127.0.0.1 for a wildcard host, and its closable stops it', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const receiver = await listenReceiver(server, { port: 0, host: '0.0.0.0', webhookSecret: undefined });
    expect(receiver.port).toBeGreaterThan(0);
    expect(receiver.url).toBe(`http://127.0.0.1:${receiver.port}`);
    expect(await (await fetch(receiver.url)).text()).toBe('ok');
    expect(receiver.closable.name).toBe('webhook receiver');
    await receiver.closable.close();
    expect(server.listening).toBe(false);
  });
});
