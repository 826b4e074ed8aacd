import { describe, expect, it } from 'vitest';
import { listRepoSecretNames } from '../../src/sinks/list-secret-names.js';
import { API_REPO, WEB_REPO, useSinksFixture } from './sinks-fixture.js';

const f = useSinksFixture(4105);

describe('listRepoSecretNames', () => {
  it('reads every page', async () => {
    const names = Array.from({ length: 130 }, (_, i) => `SECRET_${String(i).padStart(3, '0')}`);
    for (const name of names) f.fx.emulator.addRepoSecret(API_REPO, name);
    const before = f.fx.emulator.requests.length;
    expect(await listRepoSecretNames(f.client, API_REPO)).toEqual(names);
    const pages = f.fx.emulator.requests
      .slice(before)
      .filter((r) => r.path === '/repos/acme/api/actions/secrets');
    expect(pages).toHaveLength(2);
  });

  it('is empty for a repository without secrets', async () => {
    expect(await listRepoSecretNames(f.client, WEB_REPO)).toEqual([]);
  });
});
