import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../emulators/github/deliver-webhook.js';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from './harness.js';

const h = useHarness(3004);

describe('deliveries: duplicates, races, signatures, repository config', () => {
  it('a redelivered webhook (same delivery id) makes one job', async () => {
    const repo = await h.createRepo('redelivery');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', { 'a.txt': 'hello\n' });
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before, after });
    const first = await h.deliver('push', payload);
    const again = await h.deliver('push', payload, first.deliveryId);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await h.waitForScan(first.deliveryId)).toMatchObject({ findings: 0 });
    expect(h.emulator.checkRuns(repo)).toHaveLength(1);
  });

  it('two pushes leaking the same key at once make one incident with two occurrences', async () => {
    const key = h.newKey();
    const pushes = await Promise.all(
      ['race-a', 'race-b'].map(async (name) => {
        const repo = await h.createRepo(name);
        const before = (await h.emulator.branchSha(repo, 'main'))!;
        const after = await h.emulator.commit(repo, 'main', { '.env': `UNKEY_ROOT_KEY=${key}\n` });
        return pushPayload(h.emulator, { repo, branch: 'main', before, after });
      }),
    );
    const deliveries = await Promise.all(pushes.map((payload) => h.deliver('push', payload)));
    await Promise.all(deliveries.map((d) => h.waitForScan(d.deliveryId)));
    const incidentId = incidentIdFor(fingerprintKey(key));
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 2 });
    const repos = (await h.incidents.occurrences(incidentId)).map((o) => o.location.repo).sort();
    expect(repos).toEqual(['acme/race-a', 'acme/race-b']);
    // One playbook for the incident; whichever run reported last covered both occurrences: the
    // first run, when it started after both, else the follow-up run the worker queues after it.
    let state = await h.waitForPlaybook(incidentId);
    if ((state.run.reportedRevision ?? state.run.revision) < 2)
      state = await h.waitForPlaybook(incidentId, state.run.run + 1);
    expect(state.run.reportedRevision).toBe(2);
  });

  it('refuses a delivery with a wrong signature, and one without an installation', async () => {
    const repo = await h.createRepo('signature');
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before });
    const forged = await fetch(`${h.runtime.url}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'forged-1',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      },
      body: JSON.stringify(payload),
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    const { installation: _, ...orphan } = payload;
    expect((await h.deliver('push', orphan)).status).toBe(400);
    const { repository: __, ...truncated } = payload;
    const malformed = await h.deliver('push', truncated);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('push payload has a wrong or missing field: repository');
  });

  it('answers a signed body that is not JSON with a client error, and goes on', async () => {
    const body = '{"ref": "refs/heads/main", ';
    const response = await fetch(`${h.runtime.url}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': 'not-json-1',
        'x-hub-signature-256': signWebhook(h.webhookSecret, body),
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await fetch(`${h.runtime.url}/healthz`)).status).toBe(200);
  });

  it('reports an invalid .github/rootguard.yml in the check run and scans with the defaults', async () => {
    const repo = await h.createRepo('bad-config');
    await h.emulator.commit(repo, 'main', {
      '.github/rootguard.yml': 'paths:\n  ignore: 12\nnotify:\n  slack: x\n',
    });
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const key = h.newKey();
    const after = await h.emulator.commit(repo, 'main', { 'app.js': `const k = '${key}';\n` });
    const { deliveryId } = await h.deliver(
      'push',
      await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ findings: 1 });
    const run = h.emulator.checkRuns(repo).at(-1)!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('paths.ignore');
    expect(run.output.summary).toContain('notify');
    expect(run.output.summary).toMatch(/defaults/);
  });

  it("refuses a body over GitHub's 25 MB cap, or of unknown length, before reading it", async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${h.runtime.url}/api/github/webhooks`, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('{"zen":"');
        req.end();
      });
    const base = {
      'content-type': 'application/json',
      'x-github-event': 'ping',
      'x-github-delivery': 'big-1',
    };
    expect(await status({ ...base, 'content-length': String(26 * 1024 * 1024) })).toBe(413);
    expect(await status({ ...base, 'transfer-encoding': 'chunked' })).toBe(411);
  });

  it('answers /healthz while Redis answers', async () => {
    expect((await fetch(`${h.runtime.url}/healthz`)).status).toBe(200);
  });
});
