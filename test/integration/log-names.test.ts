import { describe, expect, it } from 'vitest';
import { useHarness } from './harness.js';
import { leakInPush } from './leak-in-push.js';

/** The components of a `serve` process; `rootguard` is the harness's root logger (`runtime` in production). */
const COMPONENTS = ['rootguard', 'receiver', 'scan', 'playbook', 'notify', 'command', 'sweep'];

/** The top-level keys of a JSON line, in order, repeated keys included (JSON.parse would merge them). */
function topLevelKeys(line: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      const end = line.indexOf('"', i + 1);
      let close = end;
      while (line[close - 1] === '\\') close = line.indexOf('"', close + 1);
      if (depth === 1 && line[close + 1] === ':' && (line[i - 1] === '{' || line[i - 1] === ','))
        keys.push(line.slice(i + 1, close));
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return keys;
}

describe('log lines of a whole run', () => {
  const h = useHarness(4161, { responder: ['*'] });

  it('each line has one name key, the component that wrote it', async () => {
    const repo = await h.createRepo('log-names');
    const leaked = h.unkey.addRootKey({ name: 'production', permissions: ['api.*.read_key'] });
    h.watchKey(leaked.key);
    const { incidentId } = await leakInPush(h, repo, leaked.key);
    await h.waitForPlaybook(incidentId);
    // The run's reports are part of it (and their lines must not land in the next test's window).
    await h.waitForReports();
    expect(h.logLines.length).toBeGreaterThan(3);
    const names = new Set<string>();
    for (const line of h.logLines) {
      expect(topLevelKeys(line).filter((key) => key === 'name')).toHaveLength(1);
      const name = (JSON.parse(line) as { name: string }).name;
      expect(COMPONENTS).toContain(name);
      names.add(name);
    }
    // The receiver, the scan and the playbook all spoke (at debug, the harness's level).
    expect([...names]).toEqual(expect.arrayContaining(['receiver', 'scan', 'playbook', 'notify']));
  });

  it('a signed delivery it refuses is logged by id, without its payload', async () => {
    const marker = `payload-marker-${'x'.repeat(40)}`;
    const before = h.logLines.length;
    const answer = await h.deliver('deploy_everything', { zen: marker, installation: { id: 1 } });
    expect(answer.status).toBe(400);
    const lines = h.logLines.slice(before);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(marker);
      expect(line.length).toBeLessThan(4_000);
      expect(JSON.parse(line)).toMatchObject({ name: 'receiver' });
    }
  });
});
