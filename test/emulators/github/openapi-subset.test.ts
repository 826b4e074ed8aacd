import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cutSubsetFromPackage,
  SUBSET_FILE,
  SUBSET_OPERATION_IDS,
} from '../../../emulators/github/openapi/cut-subset.js';

describe('GitHub emulator: OpenAPI subset', () => {
  it('is exactly what the cut script produces from @octokit/openapi (no drift)', () => {
    expect(readFileSync(SUBSET_FILE, 'utf8')).toBe(cutSubsetFromPackage());
  });

  it('holds every operation the emulator serves and stays small', () => {
    const subset = JSON.parse(readFileSync(SUBSET_FILE, 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ids = Object.values(subset.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(ids.sort()).toEqual([...SUBSET_OPERATION_IDS].sort());
    expect(readFileSync(SUBSET_FILE).length).toBeLessThan(400 * 1024);
  });
});
