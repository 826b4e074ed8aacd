import { describe, expect, it } from 'vitest';
import {
  GITHUB_TEXT_MAX_CHARS,
  MAX_CHECK_RUN_ANNOTATIONS,
} from '../../../src/report/check-run/check-run-output.js';
import { renderCheckRunOutput } from '../../../src/report/check-run/render-check-run.js';
import type { ScanResult, SourceFinding } from '../../../src/sources/scan-result.js';
import { KeyGenerator } from '../../support/keygen.js';
import {
  commitAt,
  hex,
  keyFor,
  keyShaped,
  leakedKeys,
  sourceFinding,
} from '../../support/source-findings.js';

const STATS = { commits: 3, files: 12, bytes: 48_213, binarySkipped: 1, ignored: 2, allowed: 1 };

function result(findings: SourceFinding[], incomplete: ScanResult['incomplete'] = []): ScanResult {
  return {
    findings,
    status: incomplete.length > 0 ? 'incomplete' : 'complete',
    incomplete,
    stats: STATS,
    method: 'compare',
  };
}

/** Findings of every kind, from keys made with a fixed seed; returns the keys for leak checks. */
function mixedFindings() {
  const gen = new KeyGenerator(3);
  const commit = hex(gen);
  const keys = [
    keyFor(gen, 'unkey-root-key'),
    keyFor(gen, 'unkey-root-key-v1'),
    keyFor(gen, 'unkey-api-key'),
  ];
  const [root, v1, api] = keys as [string, string, string];
  const findings = [
    sourceFinding(root, 'unkey-root-key', commitAt(commit, 'src/config.ts', 12)),
    sourceFinding(root, 'unkey-root-key', commitAt(commit, 'deploy/.env.production', 3)),
    sourceFinding(v1, 'unkey-root-key-v1', commitAt(commit, 'docs/a|b `c`.md', 40)),
    sourceFinding(api, 'unkey-api-key', commitAt(commit, 'test/fixtures.json', 7)),
    sourceFinding(root, 'unkey-root-key', {
      kind: 'job-log',
      repo: 'owner/app',
      runId: 900,
      jobId: 901,
      jobName: 'build (20.x)',
      step: 'Run npm test',
      line: 88,
    }),
  ];
  return { findings, keys, root: findings[0] as SourceFinding };
}

describe('renderCheckRunOutput', () => {
  it('fails on leaked keys: title, findings table, incidents, config problems, annotations on commit lines only', () => {
    const { findings, keys, root } = mixedFindings();
    const output = renderCheckRunOutput({
      result: result(findings),
      target: 'push to main: 3 commits 1a2b3c4..5d6e7f8',
      configProblems: [{ field: 'paths.ignore', message: 'Expected an array of globs, got a string.' }],
      incidents: new Map([[root.finding.fingerprint, 'inc_7Q2']]),
    });
    expect(output.conclusion).toBe('failure');
    expect(output.title).toMatchInlineSnapshot(`"2 leaked Unkey root keys and 1 Unkey API key"`);
    expect(output.summary).toMatchInlineSnapshot(`
      "**push to main: 3 commits 1a2b3c4..5d6e7f8**: scanned through the compare API: 3 commits, 12 files, 47.1 KiB.

      Skipped: 1 binary file (not read, so not known to be clean); 2 files matched by \`paths.ignore\`; 1 finding whose fingerprint the repository lists in \`allow\`.

      ### Findings: 5 places, 3 keys

      | Key | Rule | Fingerprint | Where | Incident |
      | --- | --- | --- | --- | --- |
      | \`unkey_3Z…e78n\` | Unkey root key | \`AA3Iv4H3OjiVm9dWCE835r27qjFpevIAkeLdlkKGanM=\` | \`b071c77\` \`src/config.ts:12\` | \`inc_7Q2\` |
      | \`unkey_3Z…e78n\` | Unkey root key | \`AA3Iv4H3OjiVm9dWCE835r27qjFpevIAkeLdlkKGanM=\` | \`b071c77\` \`deploy/.env.production:3\` | \`inc_7Q2\` |
      | \`unkey_Uy…AgJX\` | Unkey root key (v1 format) | \`uZTlstC1PVAWPU7RewutJW8D6Kb7POSN4lna1cOXRKY=\` | \`b071c77\` \`\`docs/a\\|b \`c\`.md:40\`\` | — |
      | \`acme_liv…DWDv\` | Unkey API key | \`P9YTtJ72MQZF2UeP1B22PVFCIRHYsxbj/5JfElg4LbQ=\` | \`b071c77\` \`test/fixtures.json:7\` | — |
      | \`unkey_3Z…e78n\` | Unkey root key | \`AA3Iv4H3OjiVm9dWCE835r27qjFpevIAkeLdlkKGanM=\` | run 900, job \`build (20.x)\` (901), step \`Run npm test\`, log line 88 | \`inc_7Q2\` |

      ### Repository configuration

      \`.github/rootguard.yml\` is invalid, so the scan ran with the defaults. Fix these fields:

      - \`paths.ignore\`: Expected an array of globs, got a string.

      ### What happens next

      Incidents: \`inc_7Q2\`. Each incident is queued for rootguard's containment playbook (revoke the leaked root key, issue a replacement with the same permissions, update the deployment secrets that held it, read the audit log); until it reports the key revoked, treat the key as live. The key must still be removed from the branch history: see below.
      "
    `);
    expect(output.text).toMatchInlineSnapshot(`
      "## What to do about a leaked Unkey root key

      - **Treat the key as compromised**: anyone who could read this branch may have copied it.
      - rootguard has queued its containment: revoke it, issue a replacement with the same permissions and put that into the deployment secrets that held it.
      - **Remove it from the branch history** (rewrite the commits that hold it, then force-push): a later commit that deletes the line leaves the key in history.
      - **Delete the workflow run's logs** (the run's menu, *Delete all logs*) and stop the step from printing the key: anyone who can read the repository can download them.
      - **Never paste the replacement key** into code, comments, issues or logs: keep it in a secret store.

      ## What to do about a leaked Unkey API key

      - **Treat the key as compromised**: anyone who could read this branch may have copied it.
      - rootguard has recorded the leak; revoke or reroll this API key in Unkey.
      - **Remove it from the branch history** (rewrite the commits that hold it, then force-push): a later commit that deletes the line leaves the key in history.
      - **Never paste the replacement key** into code, comments, issues or logs: keep it in a secret store.
      "
    `);
    expect(output.annotations).toHaveLength(4);
    expect(output.annotations[0]).toMatchInlineSnapshot(`
      {
        "annotation_level": "failure",
        "end_line": 12,
        "message": "unkey_3Z…e78n (fingerprint AA3Iv4H3OjiVm9dWCE835r27qjFpevIAkeLdlkKGanM=) was added in b071c77 src/config.ts:12.
      Treat the key as compromised: rootguard has queued its revocation. Remove it from the branch history and never paste the replacement key anywhere in the repository.",
        "path": "src/config.ts",
        "start_line": 12,
        "title": "Leaked Unkey root key: unkey_3Z…e78n",
      }
    `);
    expect(leakedKeys(JSON.stringify(output), keys)).toEqual([]);
  });

  it('is neutral when the scan was incomplete and found nothing, and lists every reason', () => {
    const output = renderCheckRunOutput({
      result: result(
        [],
        [
          {
            code: 'max-blob-bytes',
            message: 'The file is over 10 MiB; it was not read.',
            subject: 'assets/dump.sql',
          },
          { code: 'no-patch', message: 'GitHub sent no patch for this file.', subject: 'vendor/big.js' },
        ],
      ),
      target: 'pull request #14: 2 commits',
      configProblems: [],
    });
    expect(output.conclusion).toBe('neutral');
    expect(output.title).toBe('Incomplete scan: 2 files not read');
    expect(output.summary).toMatchInlineSnapshot(`
      "**pull request #14: 2 commits**: scanned through the compare API: 3 commits, 12 files, 47.1 KiB.

      Skipped: 1 binary file (not read, so not known to be clean); 2 files matched by \`paths.ignore\`; 1 finding whose fingerprint the repository lists in \`allow\`.

      **The scan is incomplete**: see what was not read below.

      ### Not scanned

      The scan could not read everything, so it cannot call these parts clean:

      - \`max-blob-bytes\` \`assets/dump.sql\`: The file is over 10 MiB; it was not read.
      - \`no-patch\` \`vendor/big.js\`: GitHub sent no patch for this file.

      ### What happens next

      Nothing was found in what was read, but the parts listed above were not scanned. Re-run this check to try again, or scan the commits locally with \`rootguard scan --git\`.
      "
    `);
    expect(output.text).toBeUndefined();
    expect(output.annotations).toEqual([]);
  });

  it('an incomplete scan that found a key still fails, and says it is incomplete', () => {
    const { findings } = mixedFindings();
    const output = renderCheckRunOutput({
      result: result(findings.slice(0, 1), [{ code: 'log-expired', message: 'The log link expired twice.' }]),
      target: 'job build',
      configProblems: [],
    });
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('1 leaked Unkey root key (scan incomplete)');
    expect(output.summary).toContain('`log-expired`: The log link expired twice.');
  });

  it('an API key alone is a leak too', () => {
    const { findings } = mixedFindings();
    const output = renderCheckRunOutput({ result: result([findings[3]!]), target: 't', configProblems: [] });
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('1 leaked Unkey API key');
    expect(output.text).toContain('revoke or reroll this API key in Unkey');
    expect(output.text).not.toContain('rootguard has queued its containment');
  });

  it('succeeds when the scan was complete and clean, and still reports an invalid config', () => {
    const clean = renderCheckRunOutput({ result: result([]), target: 'push to main', configProblems: [] });
    expect(clean).toMatchInlineSnapshot(`
      {
        "annotations": [],
        "conclusion": "success",
        "summary": "**push to main**: scanned through the compare API: 3 commits, 12 files, 47.1 KiB.

      Skipped: 1 binary file (not read, so not known to be clean); 2 files matched by \`paths.ignore\`; 1 finding whose fingerprint the repository lists in \`allow\`.
      ",
        "title": "No Unkey keys found",
      }
    `);
    const withConfig = renderCheckRunOutput({
      result: result([]),
      target: 'push to main',
      configProblems: [{ field: 'logs.scan', message: 'Expected a boolean.' }],
    });
    expect(withConfig.conclusion).toBe('success');
    expect(withConfig.title).toBe('No Unkey keys found (invalid .github/rootguard.yml)');
    expect(withConfig.summary).toContain('the scan ran with the defaults');
    expect(withConfig.summary).toContain('- `logs.scan`: Expected a boolean.');
  });

  it("cuts a long table to GitHub's limit with a count, and caps the annotations", () => {
    const gen = new KeyGenerator(17);
    const commit = hex(gen);
    const findings = Array.from({ length: 2_000 }, (_, i) =>
      sourceFinding(
        gen.rootKey(),
        'unkey-root-key',
        commitAt(commit, `packages/p${i}/src/deeply/nested/file-${i}.ts`, i + 1),
      ),
    );
    const output = renderCheckRunOutput({ result: result(findings), target: 'push', configProblems: [] });
    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_MAX_CHARS);
    const rows = output.summary.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(100);
    expect(output.summary).toContain(
      `…and ${(2_000 - rows.length).toLocaleString('en-US')} more findings not shown`,
    );
    expect(output.summary).toContain(
      `${(2_000 - MAX_CHECK_RUN_ANNOTATIONS).toLocaleString('en-US')} findings in commits got no annotation`,
    );
    expect(output.annotations).toHaveLength(MAX_CHECK_RUN_ANNOTATIONS);
    expect(output.title).toBe('2,000 leaked Unkey root keys');
  });

  it('masks a key that reached the target, a path, a job name or a config message', () => {
    const gen = new KeyGenerator(23);
    const stray = gen.rootKey();
    const commit = hex(gen);
    const finding = sourceFinding(gen.rootKey(), 'unkey-root-key', commitAt(commit, `keys/${stray}.txt`, 1));
    const output = renderCheckRunOutput({
      result: result([finding], [{ code: 'x', message: `could not read ${stray}`, subject: stray }]),
      target: `push to ${stray}`,
      configProblems: [{ field: stray, message: `bad value ${stray}` }],
    });
    // An annotation must name the real path, so a path that holds a key gets none: it is listed, masked.
    expect(output.annotations).toEqual([]);
    const rendered = JSON.stringify(output);
    expect(keyShaped(rendered)).toEqual([]);
    expect(rendered).toContain(stray.slice(0, 8));
  });

  it('keeps untrusted text from breaking the markdown: pipes, backticks, line breaks', () => {
    const gen = new KeyGenerator(29);
    const finding = sourceFinding(gen.rootKey(), 'unkey-root-key', commitAt(hex(gen), 'a|b\n| x |`y`', 2));
    const output = renderCheckRunOutput({
      result: result([finding]),
      target: '*bold* @team',
      configProblems: [],
    });
    const row = output.summary.split('\n').find((line) => line.startsWith('| `unkey'))!;
    expect(row).toContain('``a\\|b?\\| x \\|`y`:2``');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    expect(output.summary).toContain('\\*bold\\* \\@team');
  });
});

describe('renderCheckRunOutput under extreme input', () => {
  it("keeps the summary within GitHub's limit whatever the config problems and reasons", () => {
    const problems = Array.from({ length: 3_000 }, (_, i) => ({
      field: `allow.${i}`,
      message: 'Not a fingerprint.',
    }));
    const reasons = Array.from({ length: 3_000 }, (_, i) => ({
      code: 'max-files',
      message: 'Not read.',
      subject: `f${i}`,
    }));
    const output = renderCheckRunOutput({
      result: result([], reasons),
      target: 'push',
      configProblems: problems,
    });
    expect(output.summary.length).toBeLessThanOrEqual(GITHUB_TEXT_MAX_CHARS);
    expect(output.summary).toMatch(/- …and [\d,]+ more reasons\./);
  });
});
