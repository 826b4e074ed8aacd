// F18 (issue 12): a UTF-16 file with a key; a key ending a CRLF line; the same key twice in a file.
// Must show: UTF-16 found or reported as skipped (not clean); one finding per place, one incident.
import { describe, expect, it } from 'vitest';
import { pushPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { useHarness } from '../integration/harness.js';

const h = useHarness(1218);

/** UTF-16 text as Windows tools write it: little-endian, with a byte order mark. */
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());

async function pushFiles(name: string, files: Record<string, string | Buffer>) {
  const repo = await h.createRepo(name);
  const before = (await h.emulator.branchSha(repo, 'main'))!;
  const after = await h.emulator.commit(repo, 'main', files, { message: `add ${name}` });
  const { status, deliveryId } = await h.deliver(
    'push',
    await pushPayload(h.emulator, { repo, branch: 'main', before, after }),
  );
  expect(status).toBe(200);
  return { repo, after, summary: await h.waitForScan(deliveryId) };
}

describe('F18: encodings and splits', () => {
  it('finds a key in a UTF-16 file (both byte orders, BOM or not) at its line: never a clean scan', async () => {
    const le = h.newKey();
    const be = h.newKey();
    const bare = h.newKey();
    const { repo, summary } = await pushFiles('utf16', {
      'secrets.ps1': utf16le(`# deploy\r\n$env:UNKEY_ROOT_KEY = "${le}"\r\n`),
      'secrets-be.txt': utf16be(`KEY=${be}\n`),
      'no-bom.txt': Buffer.from(`a\nb\nKEY=${bare}\n`, 'utf16le'),
    });
    expect(summary).toMatchObject({ findings: 3 });
    const [run] = h.emulator.checkRuns(repo);
    expect(run).toMatchObject({ conclusion: 'failure' });
    expect((await h.incidents.occurrences(incidentIdFor(fingerprintKey(le)))).map((o) => o.location)).toEqual(
      [expect.objectContaining({ path: 'secrets.ps1', line: 2 })],
    );
    expect((await h.incidents.occurrences(incidentIdFor(fingerprintKey(be)))).map((o) => o.location)).toEqual(
      [expect.objectContaining({ path: 'secrets-be.txt', line: 1 })],
    );
    expect(
      (await h.incidents.occurrences(incidentIdFor(fingerprintKey(bare)))).map((o) => o.location),
    ).toEqual([expect.objectContaining({ path: 'no-bom.txt', line: 3 })]);
  });

  it('finds a key that ends a CRLF line, and the same key twice in a file: one finding per place, one incident', async () => {
    const key = h.newKey();
    const { repo, summary } = await pushFiles('crlf', {
      '.env': `PORT=3000\r\nUNKEY_ROOT_KEY=${key}\r\nOTHER=1\r\nBACKUP_KEY=${key}\r\n`,
      'windows.bat': `set K=${key}\r\n\r\n`,
    });
    expect(summary).toMatchObject({ status: 'complete', findings: 3 });
    const incidentId = incidentIdFor(fingerprintKey(key));
    const occurrences = await h.incidents.occurrences(incidentId);
    expect(
      occurrences.map((o) => o.location).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      expect.objectContaining({ path: '.env', line: 2 }),
      expect.objectContaining({ path: '.env', line: 4 }),
      expect.objectContaining({ path: 'windows.bat', line: 1 }),
    ]);
    expect(await h.incidents.get(incidentId)).toMatchObject({ occurrenceCount: 3 });
    const [run] = h.emulator.checkRuns(repo);
    expect(run!.annotations).toHaveLength(3);
  });
});
