import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../src/detect/mask.js';
import { occurrenceLink } from '../../../src/report/incident/occurrence-links.js';
import { KeyGenerator } from '../../support/keygen.js';
import { findKeyMaterial } from '../../support/secret-canary.js';
import { occurrenceAt } from './incident-report-fixtures.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

describe('occurrenceLink', () => {
  it('links a commit line, each path segment encoded, and names the pull request', () => {
    const link = occurrenceLink(
      occurrenceAt(
        {
          kind: 'commit',
          repo: 'acme/api',
          commit: SHA,
          path: 'docs/a b#(1).md',
          line: 4,
          column: 1,
          pullRequest: 9,
        },
        'pull_request',
      ),
      'https://github.example.com/',
    );
    expect(link).toEqual({
      text: 'acme/api docs/a b#(1).md:4 in commit a1b2c3d (pull request #9)',
      url: `https://github.example.com/acme/api/blob/${SHA}/docs/a%20b%23(1).md#L4`,
      pullRequestUrl: 'https://github.example.com/acme/api/pull/9',
    });
  });

  it('links a job log and names the job, the step when known, and the line', () => {
    const location = {
      kind: 'job-log',
      repo: 'acme/api',
      runId: 5,
      jobId: 6,
      jobName: 'test',
      line: 30,
    } as const;
    expect(occurrenceLink(occurrenceAt(location, 'workflow_job'), 'https://github.com')).toEqual({
      text: 'acme/api job "test", log line 30 (run 5)',
      url: 'https://github.com/acme/api/actions/runs/5/job/6',
    });
    expect(
      occurrenceLink(occurrenceAt({ ...location, step: 'Deploy' }, 'workflow_job'), 'https://github.com')
        .text,
    ).toBe('acme/api job "test", step "Deploy", log line 30 (run 5)');
  });

  it("links an alert to its own page, else to the repository's secret scanning page", () => {
    const alert = { kind: 'secret-scanning-alert', repo: 'acme/api', alertNumber: 3 } as const;
    expect(occurrenceLink(occurrenceAt(alert, 'secret_scanning_alert'), 'https://github.com')).toEqual({
      text: 'acme/api secret scanning alert #3',
      url: 'https://github.com/acme/api/security/secret-scanning/3',
    });
    const own = { ...alert, url: 'https://github.com/acme/api/security/secret-scanning/3?x=1' };
    expect(occurrenceLink(occurrenceAt(own, 'secret_scanning_alert'), 'https://github.com').url).toBe(
      own.url,
    );
  });

  it('masks a key-shaped path in the text and in the URL', () => {
    const key = new KeyGenerator(21).rootKey();
    const link = occurrenceLink(
      occurrenceAt(
        { kind: 'commit', repo: 'acme/api', commit: SHA, path: `keys/${key}.txt`, line: 1, column: 1 },
        'push',
      ),
      'https://github.com',
    );
    expect(link.text).toContain(maskKey(key));
    expect(
      findKeyMaterial(
        [
          ['text', link.text],
          ['url', link.url ?? ''],
        ],
        [key],
      ),
    ).toEqual([]);
  });

  it('links the commit when the stored path is masked: a masked path names no file', () => {
    const key = new KeyGenerator(22).rootKey();
    const location = {
      kind: 'commit',
      repo: 'acme/api',
      commit: SHA,
      path: `keys/${maskKey(key)}.txt`,
      line: 1,
      column: 1,
      keyIn: 'path',
      maskedNames: ['path'],
    } as const;
    expect(occurrenceLink(occurrenceAt(location, 'push'), 'https://github.com')).toEqual({
      text: `acme/api keys/${maskKey(key)}.txt (the key is in the file's path) in commit a1b2c3d; the path is shown masked, so the link opens the commit`,
      url: `https://github.com/acme/api/commit/${SHA}`,
    });
  });
});
