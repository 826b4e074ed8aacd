import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from '../integration/harness.js';

const h = useHarness(1616);

/** Every sample of a Prometheus text exposition: its name, labels and value. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
        labels[key!] = value!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const valueOf = (all: ReturnType<typeof samples>, name: string, labels: Record<string, string>) =>
  all
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('/metrics on serve', () => {
  it('counts webhooks, scans, steps and clocks, and no label holds a key, a fingerprint, an incident id or a private repository', async () => {
    const privateName = `secret-${randomBytes(6).toString('hex')}`;
    const repo = await h.createRepo(privateName, { private: true });
    const keys = [h.newKey(), h.newKey()];
    const before = (await h.emulator.branchSha(repo, 'main'))!;
    const after = await h.emulator.commit(repo, 'main', {
      '.env': `UNKEY_ROOT_KEY=${keys[0]}\n`,
      'deploy/config.yml': `unkey:\n  rootKey: ${keys[1]}\n`,
    });
    const payload = await pushPayload(h.emulator, { repo, branch: 'main', before, after });
    const delivery = await h.deliver('push', payload);
    expect(delivery.status).toBe(200);
    expect(await h.waitForScan(delivery.deliveryId)).toMatchObject({ findings: 2 });
    const incidentIds = keys.map((key) => incidentIdFor(fingerprintKey(key)));
    for (const id of incidentIds) await h.waitForPlaybook(id);
    // An unsigned request on the webhook path is counted too (its event header is the sender's).
    const unsigned = await fetch(`${h.runtime.url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': privateName },
      body: '{}',
    });
    expect(unsigned.status).toBe(401);

    const answer = await fetch(`${h.runtime.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    const text = await answer.text();
    const all = samples(text);

    const forbidden = [
      ...keys,
      ...keys.map((key) => key.slice(-8)),
      ...keys.map(fingerprintKey),
      ...incidentIds,
      privateName,
      repo,
    ];
    const labelValues = all.flatMap((s) => Object.values(s.labels));
    for (const value of labelValues)
      for (const secret of forbidden) expect(value.includes(secret), `label value ${value}`).toBe(false);
    // Nor anywhere else in the exposition (help texts, names).
    for (const secret of forbidden) expect(text.includes(secret)).toBe(false);

    expect(valueOf(all, 'rootguard_webhooks_total', { event: 'push', status: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      valueOf(all, 'rootguard_webhooks_total', { event: 'other', status: '401' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'rootguard_webhook_ack_seconds_count', { event: 'push' })).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(all, 'rootguard_scans_total', { kind: 'push', result: 'complete' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(all, 'rootguard_scanned_bytes_total', { kind: 'push' })).toBeGreaterThan(0);
    // The generated keys are unknown to Unkey, so dead at once: verify records the revoked clock.
    expect(
      valueOf(all, 'rootguard_playbook_steps_total', { step: 'verify', outcome: 'done' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(all, 'rootguard_playbook_steps_total', { step: 'report', outcome: 'done' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(all, 'rootguard_incident_clock_seconds_count', { clock: 'revoked' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(all, 'rootguard_incident_clock_seconds_count', { clock: 'contained' }),
    ).toBeGreaterThanOrEqual(2);
    expect(valueOf(all, 'rootguard_incidents', { status: 'needs-human' })).toBeGreaterThanOrEqual(2);
    expect(all.some((s) => s.name === 'rootguard_queue_jobs' && s.labels['queue'] === 'scan')).toBe(true);
    expect(valueOf(all, 'rootguard_job_wait_seconds_count', { queue: 'scan' })).toBeGreaterThanOrEqual(1);
    expect(all.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
  });

  it('answers /livez, and /readyz with each check by name (and /healthz the same)', async () => {
    const live = await fetch(`${h.runtime.url}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive', role: 'serve' });
    for (const path of ['/readyz', '/healthz']) {
      const ready = await fetch(`${h.runtime.url}${path}`);
      expect(ready.status).toBe(200);
      const body = await ready.text();
      expect(JSON.parse(body)).toEqual({
        status: 'ready',
        checks: {
          redis: expect.objectContaining({ state: 'ok' }),
          'github-app': { state: 'ok' },
          'unkey-responder': { state: 'ok' },
          config: { state: 'ok' },
        },
      });
      expect(body).not.toContain(h.env['UNKEY_ROOT_KEY']!);
    }
    expect((await fetch(`${h.runtime.url}/admin/queues`)).status).toBe(404);
  });
});
