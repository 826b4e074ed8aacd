import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentArchiveLine } from '../../src/incidents/incident-archive.js';
import { IncidentStore } from '../../src/incidents/incident-store.js';
import { RunStore } from '../../src/incidents/run-store.js';
import { STEP_NAMES } from '../../src/playbook/step-names.js';
import { deleteUnder, recordCommitIncident } from '../incidents/redis-fixture.js';
import { KeyGenerator } from '../support/keygen.js';
import { findKeyMaterial } from '../support/secret-canary.js';
import { makeTree, runRootguard } from './harness.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `rg-test-scale-${randomUUID().slice(0, 8)}`;
const gen = new KeyGenerator(16_600);
const keys = [gen.rootKey(), gen.rootKey()];
let redis: Redis;
const ids: string[] = [];
// Redis and the prefix only: an export needs no App id or private key.
const env = { ROOTGUARD_REDIS_URL: REDIS_URL, ROOTGUARD_PREFIX: prefix };

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  const runs = new RunStore(redis, { prefix, steps: STEP_NAMES });
  for (const [i, key] of keys.entries()) {
    const at = new Date(Date.UTC(2026, 0, 10 + i * 10));
    const id = await recordCommitIncident(new IncidentStore(redis, { prefix, now: () => at }), key);
    const run = await runs.startRun(id, 1, at);
    await runs.finishStep(
      id,
      run.run,
      { step: 'verify', outcome: 'done', summary: 'The key is live.', startedAt: at.toISOString() },
      { at: at.toISOString(), run: 1, step: 'verify', event: 'step-finished', text: 'verify: done' },
    );
    ids.push(id);
  }
});
afterAll(async () => {
  await deleteUnder(redis, prefix);
  await redis.quit();
});

function parse(text: string): IncidentArchiveLine[] {
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as IncidentArchiveLine);
}

describe('rootguard incidents export', () => {
  it('writes one JSON line per incident created in the window to stdout, with no key', async () => {
    const all = await runRootguard(['incidents', 'export', '--since', '2026-01-01'], {
      cwd: makeTree(),
      env,
    });
    expect(all.stderr).toBe('rootguard: exported 2 incidents\n');
    expect(all.code).toBe(0);
    const lines = parse(all.stdout);
    expect(lines.map((line) => line.incident.id)).toEqual(ids);
    expect(lines[0]!.runs[0]!.steps.map((step) => step.step)).toEqual(['verify']);
    expect(lines[0]!.timeline).toHaveLength(1);
    expect(lines[0]!.occurrences).toHaveLength(1);
    expect(findKeyMaterial([['stdout', all.stdout]], keys)).toEqual([]);

    const first = await runRootguard(
      ['incidents', 'export', '--since', '2026-01-01', '--until', '2026-01-15'],
      {
        cwd: makeTree(),
        env,
      },
    );
    expect(parse(first.stdout).map((line) => line.incident.id)).toEqual([ids[0]]);
  });

  it('writes a new file (mode 0600) and refuses to overwrite one', async () => {
    const dir = makeTree();
    const run = await runRootguard(
      ['incidents', 'export', '--since', '2026-01-15T00:00:00Z', '--out', 'late.jsonl'],
      {
        cwd: dir,
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`rootguard: exported 1 incident to ${join(dir, 'late.jsonl')}\n`);
    expect(parse(readFileSync(join(dir, 'late.jsonl'), 'utf8')).map((line) => line.incident.id)).toEqual([
      ids[1],
    ]);
    expect(statSync(join(dir, 'late.jsonl')).mode & 0o777).toBe(0o600);

    writeFileSync(join(dir, 'kept.jsonl'), 'mine\n');
    const again = await runRootguard(
      ['incidents', 'export', '--since', '2026-01-01', '--out', 'kept.jsonl'],
      {
        cwd: dir,
        env,
      },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'kept.jsonl'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'kept.jsonl.partial'))).toBe(false);
  });

  it('refuses a malformed date or an empty window with one line', async () => {
    for (const argv of [
      ['--since', 'yesterday'],
      ['--since', '2026-13-45'],
      ['--since', '2026-02-01', '--until', '2026-01-01'],
    ]) {
      const run = await runRootguard(['incidents', 'export', ...argv], { cwd: makeTree(), env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^rootguard: error: --(since|until) must be [^\n]*\n$/);
    }
  });

  it('stops with one line and leaves no file when an incident holds key material', async () => {
    const tainted = `${prefix}-tainted`;
    const id = await recordCommitIncident(new IncidentStore(redis, { prefix: tainted }), gen.rootKey());
    const key = gen.rootKey();
    await redis.hset(`${tainted}:incident:${id}:reports`, 'sent:oops', key);
    try {
      const dir = makeTree();
      const run = await runRootguard(['incidents', 'export', '--since', '2000-01-01', '--out', 'x.jsonl'], {
        cwd: dir,
        env: { ...env, ROOTGUARD_PREFIX: tainted },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `rootguard: error: Incident ${id} holds something key-shaped; the export stopped.\n`,
      );
      expect(existsSync(join(dir, 'x.jsonl'))).toBe(false);
      expect(existsSync(join(dir, 'x.jsonl.partial'))).toBe(false);
    } finally {
      await deleteUnder(redis, tainted);
    }
  });
});
