import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECONDARY_RATE_LIMIT_MESSAGE } from '../../../emulators/github/faults.js';
import { startFixture, type EmulatorFixture } from './emulator-fixture.js';

describe('GitHub emulator: fault injection and recording', () => {
  let fx: EmulatorFixture;
  const path = '/repos/acme/app';
  const get = (p = path) =>
    fetch(`${fx.emulator.url}${p}`, { headers: { authorization: `token ${fx.token}` } });
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await fx.emulator.close();
  });

  it.each([500, 502, 503] as const)('server-error %i, then normal again', async (status) => {
    fx.emulator.faults.add({ path, kind: 'server-error', status });
    expect((await get()).status).toBe(status);
    expect((await get()).status).toBe(200);
  });

  it('secondary-rate-limit: 403 with retry-after and GitHub message, `times` times', async () => {
    fx.emulator.faults.add({
      method: 'GET',
      path: /^\/repos\/acme\//,
      kind: 'secondary-rate-limit',
      times: 2,
      retryAfter: 7,
    });
    for (let i = 0; i < 2; i++) {
      const res = await get();
      expect(res.status).toBe(403);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(((await res.json()) as { message: string }).message).toContain(SECONDARY_RATE_LIMIT_MESSAGE);
    }
    expect((await get()).status).toBe(200);
  });

  it('rate-limit: 429 with retry-after', async () => {
    fx.emulator.faults.add({ path, kind: 'rate-limit' });
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('slow: answers after delayMs', async () => {
    fx.emulator.faults.add({ path, kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await get()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('slow: a client that gave up meanwhile is recorded without an answer, and is no violation', async () => {
    const issues = '/repos/acme/app/issues';
    fx.emulator.faults.add({ method: 'POST', path: issues, kind: 'slow', delayMs: 1_000 });
    const violations = fx.emulator.violations.length;
    const before = fx.emulator.requests.length;
    let held: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (held = resolve));
    const take = fx.emulator.faults.take.bind(fx.emulator.faults);
    fx.emulator.faults.take = (method, path) => {
      const faults = take(method, path);
      if (path === issues) held();
      return faults;
    };
    const gaveUp = new AbortController();
    const posted = fetch(`${fx.emulator.url}${issues}`, {
      method: 'POST',
      headers: { authorization: `token ${fx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'never answered' }),
      signal: gaveUp.signal,
    });
    try {
      // Gone once the request is held (a worker killed, or past its grace, while GitHub hangs).
      await arrived;
      gaveUp.abort();
      await expect(posted).rejects.toThrow();
    } finally {
      fx.emulator.faults.take = take;
    }
    await expect
      .poll(() => fx.emulator.requests.slice(before).filter((r) => r.path === issues))
      .toEqual([expect.objectContaining({ method: 'POST', status: 0 })]);
    expect(fx.emulator.violations.slice(violations)).toEqual([]);
    expect(fx.emulator.issues('acme/app').filter((i) => i.title === 'never answered')).toEqual([]);
  });

  it('drop: the socket is destroyed without a response', async () => {
    fx.emulator.faults.add({ path, kind: 'drop' });
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);
  });

  it('a fault for another method does not fire', async () => {
    fx.emulator.faults.add({ method: 'POST', path, kind: 'server-error' });
    expect((await get()).status).toBe(200);
    fx.emulator.faults.clear();
  });

  it('records requests, and records invalid requests as violations (422 / 404)', async () => {
    const before = fx.emulator.requests.length;
    await get();
    expect(fx.emulator.requests.slice(before)).toEqual([
      { method: 'GET', path, status: 200, ms: expect.any(Number), at: expect.any(Number) },
    ]);
    expect(fx.emulator.violations).toEqual([]);
    const badQuery = await get('/repos/acme/app/issues?state=everything');
    expect(badQuery.status).toBe(422);
    const badBody = await fetch(`${fx.emulator.url}/repos/acme/app/issues`, {
      method: 'POST',
      headers: { authorization: `token ${fx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'no title' }),
    });
    expect(badBody.status).toBe(422);
    const unknown = await get('/repos/acme/app/not-an-endpoint');
    expect(unknown.status).toBe(404);
    expect(fx.emulator.violations).toEqual([
      {
        method: 'GET',
        path: '/repos/acme/app/issues',
        problem: expect.stringContaining('query parameter state'),
      },
      {
        method: 'POST',
        path: '/repos/acme/app/issues',
        problem: expect.stringContaining("must have required property 'title'"),
      },
      { method: 'GET', path: '/repos/acme/app/not-an-endpoint', problem: 'no documented route' },
    ]);
  });
});
