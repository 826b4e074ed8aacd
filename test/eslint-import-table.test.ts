import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { mayImport } from '../eslint.config.js';

// eslint.config.js's mayImport table is the one statement of the layering (src/README.md is its
// prose): every folder of src/ must have a row, every entry must name something that exists,
// and the rule behind it must fail a wrong import with a message naming the row.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = `${ROOT}src`;
const table = mayImport;
const rows = Object.keys(table);

function subfolders(folder: string): string[] {
  const at = folder === '' ? SRC : `${SRC}/${folder}`;
  return readdirSync(at, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => (folder === '' ? entry.name : `${folder}/${entry.name}`));
}

/** A folder is split when some row names one of its subfolders: then each subfolder needs a row. */
function isSplit(folder: string): boolean {
  return folder === '' || rows.some((row) => row.startsWith(`${folder}/`));
}

/** Folders of src/ that fall under no row (a new folder, or a split folder's new subfolder). */
function foldersWithoutRow(folder = ''): string[] {
  if (!isSplit(folder)) return [];
  return subfolders(folder).flatMap((child) =>
    table[child] === undefined ? [child] : foldersWithoutRow(child),
  );
}

function entryPath(entry: string): string {
  return entry.replace(/ \(types\)$/, '');
}

async function lint(filePath: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(text, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'rootguard/may-import').map((m) => m.message);
}

describe('the mayImport table in eslint.config.js', () => {
  it('has a row for every folder of src/, and for every subfolder of a folder split into rows', () => {
    expect(subfolders('').length).toBeGreaterThan(10);
    expect(foldersWithoutRow()).toEqual([]);
    // A file directly in src/ would sit in no row, so nothing would check its imports.
    expect(readdirSync(SRC).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });

  it('names only folders and files that exist', () => {
    const missing = rows.flatMap((row) => [
      ...(existsSync(`${SRC}/${row}`) ? [] : [row]),
      ...table[row]!.map(entryPath).filter((entry) => entry !== '*' && !existsSync(`${SRC}/${entry}`)),
    ]);
    expect(missing).toEqual([]);
  });

  it('keeps each subfolder row of a split folder within the folder’s own row', () => {
    const outside = rows
      .filter((row) => row.includes('/'))
      .flatMap((row) => {
        const parent = row.slice(0, row.lastIndexOf('/'));
        const parentEntries = table[parent] ?? [];
        return table[row]!.filter(
          (entry) =>
            !entry.startsWith(`${parent}/`) &&
            !parentEntries.some(
              (allowed) => entryPath(entry) === entryPath(allowed) || entry.startsWith(`${allowed}/`),
            ),
        ).map((entry) => `${row} → ${entry}`);
      });
    expect(outside).toEqual([]);
  });

  it('lets no row but the CLI import the CLI or the app', () => {
    const importers = rows.filter((row) =>
      table[row]!.some((entry) => ['*', 'app'].includes(entry) || entry.startsWith('app/')),
    );
    expect(importers).toEqual(['cli']);
    expect(rows.filter((row) => table[row]!.some((entry) => entry.startsWith('cli')))).toEqual([]);
  });

  it('keeps src/detect importing nothing of ours and the playbook below the reports', () => {
    expect(table['detect']).toEqual([]);
    expect(table['playbook']!.filter((entry) => entry.startsWith('report'))).toEqual([]);
  });
});

describe('rootguard/may-import', () => {
  it('fails an import from a folder not in the row, naming the row', { timeout: 60_000 }, async () => {
    const messages = await lint(
      'src/report/incident/slack/example.ts',
      "export { x } from '../../../scan/x.js';\n",
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^src\/report\/incident may import only report\/markdown, .*: '..\/..\/..\/scan\/x.js' is src\/scan\/x.ts/,
      ),
    ]);
  });

  it(
    'fails any import of ours from src/detect, and allows its own subfolders',
    { timeout: 60_000 },
    async () => {
      expect(await lint('src/detect/rules/example.ts', "export { x } from '../../log/x.js';\n")).toEqual([
        expect.stringMatching(/^src\/detect may import nothing of ours outside itself/),
      ]);
      expect(await lint('src/detect/rules/example.ts', "export { x } from '../decoders/x.js';\n")).toEqual(
        [],
      );
    },
  );

  it('allows a file entry and only that file of its folder', { timeout: 60_000 }, async () => {
    expect(await lint('src/sinks/example.ts', "export { x } from '../detect/secret.js';\n")).toEqual([]);
    expect(await lint('src/sinks/example.ts', "export { x } from '../detect/mask.js';\n")).toHaveLength(1);
  });

  it('allows only `import type` where the row says (types)', { timeout: 60_000 }, async () => {
    const typeOnly = "import type { X } from '../config/env-config.js';\nexport type Y = X;\n";
    const value = "import { X } from '../config/env-config.js';\nexport const y = X;\n";
    expect(await lint('src/log/example.ts', typeOnly)).toEqual([]);
    expect(await lint('src/log/example.ts', value)).toEqual([
      expect.stringMatching(/^src\/log may import only types from src\/config/),
    ]);
  });

  it('checks dynamic imports and sibling subfolders of a split folder', { timeout: 60_000 }, async () => {
    expect(
      await lint('src/scan/example.ts', "export const load = () => import('../report/notify/x.js');\n"),
    ).toHaveLength(1);
    expect(
      await lint('src/report/markdown/example.ts', "export { x } from '../check-run/x.js';\n"),
    ).toHaveLength(1);
    expect(
      await lint('src/report/review/example.ts', "export { x } from '../check-run/key-advice.js';\n"),
    ).toEqual([]);
  });

  it('fails an import from outside src/ but the emulators', { timeout: 60_000 }, async () => {
    expect(await lint('src/cli/example.ts', "export { x } from '../../test/support/keygen.js';\n")).toEqual([
      expect.stringMatching(/^src\/ imports nothing outside src\//),
    ]);
    expect(
      await lint('src/cli/demo/example.ts', "export { x } from '../../../emulators/unkey/x.js';\n"),
    ).toEqual([]);
  });

  it('does not mistake a subfolder for a top folder of the same name', { timeout: 60_000 }, async () => {
    // src/sources/log/ is not src/log/.
    expect(await lint('src/sources/example.ts', "export { x } from './log/log-scanner.js';\n")).toEqual([]);
    expect(statSync(`${SRC}/sources/log`).isDirectory()).toBe(true);
  });
});
