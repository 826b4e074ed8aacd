import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../src/detect/mask.js';
import type { CommandAnswer } from '../../../src/playbook/commands/command-answer.js';
import { renderCommandAnswer } from '../../../src/report/command-answer/render-command-answer.js';
import { KeyGenerator } from '../../support/keygen.js';
import { leakedKeys } from '../../support/source-findings.js';

const key = new KeyGenerator(5701).rootKey();
const incident = { id: 'inc_AbC-_1234567890123456', masked: maskKey(key) };

describe('renderCommandAnswer', () => {
  it('lists the three commands and when each applies', () => {
    expect(renderCommandAnswer('octocat', { kind: 'help' })).toMatchInlineSnapshot(`
      "@octocat: rootguard takes these commands on its incident issues, from people with write access to every repository where the key was seen (or members of a responder team):

      - \`/rootguard approve\`: contain the leaked key now (revoke it, issue a replacement with the same permissions, update the deployment secrets). Applies while the incident waits for an approval (policy \`approve\`).
      - \`/rootguard false-positive\`: close the incident as not a real key; later scans then allow this key by its fingerprint. Applies until rootguard has revoked the key.
      - \`/rootguard retry\`: run again the playbook steps that failed or were left to a human, and the steps after them. Steps that are done never run again (a key is never revoked twice)."
    `);
  });

  it('says why not to users without write access, naming only repositories they may see named', () => {
    expect(
      renderCommandAnswer('reader', {
        kind: 'no-permission',
        command: 'approve',
        repo: 'acme/api',
        permission: 'read',
      }),
    ).toMatchInlineSnapshot(
      `"@reader: only people with write access to every repository where this key was seen, or members of a responder team, can approve containment; your permission on acme/api is read. Nothing was changed."`,
    );
    expect(
      renderCommandAnswer('sam', { kind: 'no-permission', command: 'false-positive', unnamed: 2 }),
    ).toMatchInlineSnapshot(
      `"@sam: only people with write access to every repository where this key was seen, or members of a responder team, can mark an incident a false positive; you lack write access to 2 private repositories where this key was also seen (not named here). Nothing was changed."`,
    );
  });

  it('says what was done, or why nothing was', () => {
    const answers: CommandAnswer[] = [
      { kind: 'approved', incident },
      { kind: 'not-awaiting-approval', incident, status: 'contained' },
      { kind: 'false-positive-refused', incident, run: 2 },
      { kind: 'retrying', incident, steps: ['distribute', 'report'] },
      { kind: 'nothing-to-retry', incident, run: 1 },
    ];
    expect(answers.map((a) => renderCommandAnswer('octocat', a)).join('\n')).toMatchInlineSnapshot(`
      "@octocat: containment of incident \`inc_AbC-_1234567890123456\` (\`${incident.masked}\`) is approved; the playbook resumes now and this issue follows it.
      @octocat: nothing to approve for incident \`inc_AbC-_1234567890123456\` (\`${incident.masked}\`): the key is already contained.
      @octocat: incident \`inc_AbC-_1234567890123456\` (\`${incident.masked}\`) cannot be marked a false positive: rootguard already revoked the key (run 2), so it was treated as a real key. Nothing was changed.
      @octocat: retrying the playbook of incident \`inc_AbC-_1234567890123456\` (\`${incident.masked}\`) from \`distribute\`: \`distribute\`, \`report\` run again. Steps already done are not repeated.
      @octocat: nothing to retry for incident \`inc_AbC-_1234567890123456\` (\`${incident.masked}\`): no step of run 1 failed or was left to a human."
    `);
  });

  it('masks a key that reached any field', () => {
    const text = renderCommandAnswer('octocat', {
      kind: 'not-awaiting-approval',
      incident: { id: incident.id, masked: key },
      status: 'open',
    });
    expect(leakedKeys(text, [key])).toEqual([]);
    expect(text).toContain(maskKey(key));
  });
});
