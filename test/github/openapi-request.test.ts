import { describe, expect, it } from 'vitest';
import { invalidRequests, pathTemplate } from './openapi-request.js';

// The publishing tests trust this check to catch bodies GitHub would reject: show that it can.
describe('the OpenAPI request check', () => {
  it('finds the template a request path belongs to', () => {
    expect(pathTemplate('POST', '/repos/o/r/pulls/14/comments')).toBe(
      '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
    );
    expect(pathTemplate('PATCH', '/repos/o/r/check-runs/7?x=1')).toBe(
      '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    );
  });

  it('rejects what GitHub documents as invalid', () => {
    const bad = invalidRequests([
      {
        method: 'POST',
        path: '/repos/o/r/pulls/14/comments',
        body: { body: 'x', path: 'a', subject_type: 'folder' },
      },
      {
        method: 'PATCH',
        path: '/repos/o/r/check-runs/7',
        body: { status: 'completed', output: { title: 't' } },
      },
      {
        method: 'PATCH',
        path: '/repos/o/r/check-runs/7',
        body: { output: { summary: 's', annotations: Array(51).fill({}) } },
      },
    ]);
    expect(bad.map((b) => b.errors.join('; '))).toEqual([
      expect.stringContaining("must have required property 'commit_id'"),
      expect.stringContaining("must have required property 'conclusion'"),
      expect.stringContaining('must NOT have more than 50 items'),
    ]);
  });
});
