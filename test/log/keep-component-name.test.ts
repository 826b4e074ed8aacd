import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';
import { keepComponentName } from '../../src/log/keep-component-name.js';

function capture(name?: string) {
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    ...(name ? { name } : {}),
    destination: { write: (line: string) => lines.push(line) },
  });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const nameKeys = (line: string) => keepComponentName(line).match(/"name":/g)?.length ?? 0;

describe('one name key per log line', () => {
  it('keeps the component a child was named after, not the root or what a library names below it', () => {
    const { log, lines, parsed } = capture('runtime');
    log.info('starting');
    const scan = log.child({ name: 'scan' });
    scan.info({ repo: { owner: 'acme', name: 'api' } }, 'scanned');
    // What Probot does with the logger it is given.
    log
      .child({ name: 'receiver' })
      .child({ name: 'probot' })
      .child({ name: 'event', id: 'd-1' })
      .warn('refused');
    scan.child({ client: 'github-scans' }).debug('retrying');
    for (const line of lines) expect(line.match(/"name":/g)?.length).toBeLessThanOrEqual(2);
    expect(parsed().map((line) => line['name'])).toEqual(['runtime', 'scan', 'receiver', 'scan']);
    // A nested object's own `name` is data: kept.
    expect(parsed()[1]).toMatchObject({ repo: { owner: 'acme', name: 'api' }, msg: 'scanned' });
    expect(parsed()[2]).toMatchObject({ id: 'd-1', msg: 'refused' });
    expect(lines.every((line) => (line.match(/^\{.*?"name":/) ? true : false))).toBe(true);
  });

  it('leaves a line with one name, or with names only inside values, as it was', () => {
    const one = '{"level":30,"name":"scan","msg":"a \\"name\\": in text"}\n';
    expect(keepComponentName(one)).toBe(one);
    const nested = '{"level":30,"name":"scan","err":{"name":"TypeError","message":"x"},"msg":"m"}\n';
    expect(keepComponentName(nested)).toBe(nested);
  });

  it('cuts the extra top-level names whatever their values hold', () => {
    const line =
      '{"level":30,"name":"runtime","name":"receiver","name":"e,\\"v}","x":[1,{"name":"n"}],"msg":"m"}\n';
    const kept = keepComponentName(line);
    expect(JSON.parse(kept)).toEqual({ level: 30, name: 'receiver', x: [1, { name: 'n' }], msg: 'm' });
    expect(nameKeys(line)).toBe(2); // the one kept and the nested one
  });
});
