import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every import counts, `import type` included: a type-only cycle still ties two files together,
// so that neither can move, be read or be tested alone. dpdm reads the TypeScript as written
// (`transform: false` keeps the type imports) and follows dynamic `import()`s too.
const REPO = fileURLToPath(new URL('..', import.meta.url));

/** One import of a file, as dpdm resolves it (`id` null: not resolved). */
interface Dependency {
  readonly request: string;
  readonly id: string | null;
}

/** The part of dpdm's API this test uses. */
interface Dpdm {
  parseDependencyTree(
    entries: string[],
    options: { cwd: string; context: string; transform: boolean; skipDynamicImports: boolean },
  ): Promise<Record<string, readonly Dependency[] | null>>;
  parseCircular(tree: Record<string, readonly Dependency[] | null>): string[][];
}

// dpdm is a dev dependency, and CommonJS: `require` finds it in node_modules (or on NODE_PATH).
const { parseDependencyTree, parseCircular } = createRequire(import.meta.url)('dpdm') as Dpdm;

describe('the import graph of src/ and emulators/', () => {
  it('has no cycle, type-only imports included', async () => {
    const tree = await parseDependencyTree(['src/**/*.ts', 'emulators/**/*.ts'], {
      cwd: REPO,
      context: REPO,
      transform: false,
      skipDynamicImports: false,
    });
    // A graph with holes would hide cycles: every relative import must resolve to a file.
    const unresolved = Object.entries(tree).flatMap(([file, dependencies]) =>
      (dependencies ?? [])
        .filter((dependency) => dependency.request.startsWith('.') && dependency.id === null)
        .map((dependency) => `${file} imports ${dependency.request}`),
    );
    expect(unresolved).toEqual([]);
    expect(Object.keys(tree).filter((file) => file.startsWith('src/')).length).toBeGreaterThan(100);
    expect(Object.keys(tree).filter((file) => file.startsWith('emulators/')).length).toBeGreaterThan(20);

    const cycles = parseCircular(tree).map((files) => [...files, files[0]].join(' -> '));
    expect(cycles, 'import cycles (break each by moving the shared types or code to a leaf)').toEqual([]);
  });
});
