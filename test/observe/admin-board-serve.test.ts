import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../integration/harness.js';

const token = randomBytes(24).toString('base64url');
const h = useHarness(1618, { env: { ROOTGUARD_ADMIN_TOKEN: token } });

describe('`rootguard serve` with ROOTGUARD_ADMIN_TOKEN', () => {
  it('serves Bull Board on its port behind the token, read-only, beside the webhook path and the probes', async () => {
    const base = `${h.runtime.url}/admin/queues`;
    expect((await fetch(`${base}/api/queues`)).status).toBe(401);
    const answer = await fetch(`${base}/api/queues`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const { queues } = (await answer.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(['command', 'notify', 'playbook', 'scan']);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    const write = await fetch(`${base}/api/queues/playbook/pause`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(write.status).toBe(405);
    expect((await fetch(`${h.runtime.url}/livez`)).status).toBe(200);
    // The token never shows in the board's answers or the logs.
    expect(h.logLines.some((line) => line.includes(token))).toBe(false);
  });
});
