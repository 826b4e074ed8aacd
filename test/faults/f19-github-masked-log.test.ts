// F19 (issue 12): a job log where GitHub masked a registered secret (`***`).
// Must show: no finding, no crash; the README states the limit (section "Guarantees").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workflowJobCompletedPayload } from '../../emulators/github/webhook-payloads.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { incidentIdFor } from '../../src/incidents/incident-id.js';
import { UNKEY_PREFIX } from '../support/keygen.js';
import { useHarness } from '../integration/harness.js';

const h = useHarness(1219);

/** A log as GitHub serves it: each line starts with its timestamp. */
const logOf = (lines: readonly string[]) =>
  lines.map((line, i) => `2026-12-07T10:00:${String(i).padStart(2, '0')}.0000000Z ${line}`).join('\n') + '\n';

describe('F19: a log GitHub masked', () => {
  it('finds nothing in `***` where the secret was, and does not crash on masked fragments', async () => {
    const repo = await h.createRepo('masked-log');
    const headSha = await h.emulator.commit(repo, 'main', { 'ci.yml': 'on: push\n' });
    h.emulator.addWorkflowRun(repo, {
      runId: 1901,
      headSha,
      jobs: [
        {
          id: 1902,
          name: 'deploy',
          log: logOf([
            '##[group]Run ./deploy.sh',
            'env:',
            '  UNKEY_ROOT_KEY: ***',
            'deploying with UNKEY_ROOT_KEY=***',
            'curl -H "Authorization: Bearer ***" https://api.unkey.com/v2/apis.getApi',
            `${UNKEY_PREFIX}*** ${UNKEY_PREFIX}3Z*** "${UNKEY_PREFIX}***"`,
            '***',
            '##[endgroup]',
          ]),
        },
      ],
    });
    const { status, deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 1902 }),
    );
    expect(status).toBe(200);
    expect(await h.waitForScan(deliveryId)).toEqual({ status: 'complete', findings: 0, method: 'job-log' });
  });

  it('finds the key when the log printed a transformed form GitHub does not mask (the documented limit)', async () => {
    const key = h.newKey();
    const repo = await h.createRepo('masked-log-transformed');
    const headSha = await h.emulator.commit(repo, 'main', { 'ci.yml': 'on: push\n' });
    h.emulator.addWorkflowRun(repo, {
      runId: 1903,
      headSha,
      jobs: [
        {
          id: 1904,
          name: 'deploy',
          log: logOf([
            'UNKEY_ROOT_KEY=***',
            // `echo -n "$UNKEY_ROOT_KEY" | base64`: GitHub masks the value, not its encodings.
            Buffer.from(key).toString('base64'),
          ]),
        },
      ],
    });
    const { deliveryId } = await h.deliver(
      'workflow_job',
      workflowJobCompletedPayload(h.emulator, { repo, jobId: 1904 }),
    );
    expect(await h.waitForScan(deliveryId)).toMatchObject({ status: 'complete', findings: 1 });
    const [occurrence] = await h.incidents.occurrences(incidentIdFor(fingerprintKey(key)));
    expect(occurrence).toMatchObject({ location: { kind: 'job-log', jobId: 1904, line: 2 } });
  });

  it('the README states the limit, in its Guarantees section', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Guarantees'));
    expect(section.slice(0, section.indexOf('\n## ', 3))).toMatch(
      /registered as an Actions secret appears as `\*\*\*`[\s\S]*only in a transformed form/,
    );
  });
});
