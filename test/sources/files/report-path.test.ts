import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportPath } from '../../../src/sources/files/report-path.js';

describe('reportPath', () => {
  it('is the path below the root, with / separators', () => {
    expect(reportPath('/repo', join('/repo', 'src', 'a.ts'))).toBe('src/a.ts');
    expect(reportPath('/repo/', '/repo/src/a.ts')).toBe('src/a.ts');
    expect(reportPath('/', '/etc/app.env')).toBe('etc/app.env');
  });

  it('is absolute for the root itself, a sibling with the same name start, and files outside', () => {
    expect(reportPath('/repo', '/repo')).toBe('/repo');
    expect(reportPath('/repo', '/repository/a.ts')).toBe('/repository/a.ts');
    expect(reportPath('/repo/sub', '/repo/a.ts')).toBe('/repo/a.ts');
  });

  it('falls back to path.relative for a root that is not normalised', () => {
    expect(reportPath('/repo/./sub/..', '/repo/src/a.ts')).toBe('src/a.ts');
  });
});
