import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { DEFAULT_OPERATOR_CONFIG, parseOperatorConfig } from '../../src/config/operator-config.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';

const keys = new KeyGenerator(4103);
const FP = fingerprintKey(keys.rootKey());

/** The ConfigError a text gives; every sentence ends with a full stop and names its path. */
function problemsOf(text: string): ConfigError {
  try {
    parseOperatorConfig(text, 'operator.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e).toMatchObject({ code: 'config-invalid', field: 'ROOTGUARD_CONFIG' });
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.message).toBe(e.problems.map((p) => p.message).join(' '));
    for (const p of e.problems) {
      expect(p.message).toMatch(/\.$/);
      expect(p.message).toContain('operator.yml');
      if (p.path !== '(file)') expect(p.message).toContain(p.path);
    }
    return e;
  }
  throw new Error('expected a ConfigError');
}

const paths = (text: string) => problemsOf(text).problems.map((p) => p.path);

describe('parseOperatorConfig', () => {
  it('gives the defaults for an empty file or one with only comments', () => {
    expect(parseOperatorConfig('')).toEqual(DEFAULT_OPERATOR_CONFIG);
    expect(parseOperatorConfig('# nothing yet\n')).toEqual(DEFAULT_OPERATOR_CONFIG);
    expect(parseOperatorConfig('policy: {}\n')).toEqual(DEFAULT_OPERATOR_CONFIG);
    // A section whose children are all commented out is absent, not an error.
    expect(parseOperatorConfig('policy:\n  # mode: approve\nrootKeys:\nunkey:\nnotify:\n')).toEqual(
      DEFAULT_OPERATOR_CONFIG,
    );
  });

  it('reads every documented field into the typed config', () => {
    const config = parseOperatorConfig(`
policy:
  mode: approve
  approveTimeout: 45m
  onApproveTimeout: stop
  confirmTimeout: 90s
  manualRevokeTimeout: 12h
  auditMargin: 0m
  rerollAffected: true
  purgeLogs: true
  rules:
    - match: acme
      mode: auto
rootKeys:
  - name: production
    keyId: key_abc
    fingerprint: "${FP}"
    permissions: [api.*.create_key, api.*.read_key]
    deploy:
      - { repo: acme/api, secret: UNKEY_ROOT_KEY }
      - { repo: acme/api, environment: production, secret: UNKEY_ROOT_KEY }
      - { org: acme, secret: UNKEY_ROOT_KEY }
  - name: staging
    keyId: key_def
unkey:
  apis:
    - id: api_123
      recoverableKeys: true
    - id: api_456
notify:
  slack: [{ match: acme, webhookUrlEnv: SLACK_SECURITY_WEBHOOK }]
  issueRepo: acme/security
  assignees: [alice]
  digest: weekly
commands:
  responderTeams: [acme/security-responders]
`);
    expect(config).toEqual({
      policy: {
        mode: 'approve',
        approveTimeoutMs: 45 * 60_000,
        onApproveTimeout: 'stop',
        confirmTimeoutMs: 90_000,
        manualRevokeTimeoutMs: 12 * 3_600_000,
        auditMarginMs: 0,
        rerollAffected: true,
        purgeLogs: true,
        rules: [{ match: 'acme', mode: 'auto' }],
      },
      rootKeys: [
        {
          name: 'production',
          keyId: 'key_abc',
          fingerprint: FP,
          permissions: ['api.*.create_key', 'api.*.read_key'],
          deploy: [
            { scope: 'repo', repo: 'acme/api', name: 'UNKEY_ROOT_KEY' },
            { scope: 'environment', repo: 'acme/api', environment: 'production', name: 'UNKEY_ROOT_KEY' },
            { scope: 'org', org: 'acme', name: 'UNKEY_ROOT_KEY' },
          ],
        },
        { name: 'staging', keyId: 'key_def', deploy: [] },
      ],
      unkey: {
        apis: [
          { id: 'api_123', recoverableKeys: true },
          { id: 'api_456', recoverableKeys: false },
        ],
      },
      notify: {
        slack: [{ match: 'acme', webhookUrlEnv: 'SLACK_SECURITY_WEBHOOK' }],
        issueRepo: 'acme/security',
        assignees: ['alice'],
        digest: 'weekly',
      },
      commands: { responderTeams: ['acme/security-responders'] },
      apiKeyPrefixes: [],
    });
  });

  it('names the path of each problem and its fix, one sentence each', () => {
    const error = problemsOf(`
policy:
  mode: fast
  rules:
    - match: acme
      mode: auto
    - match: acme/api
      mode: yolo
`);
    expect(error.problems).toEqual([
      { path: 'policy.mode', message: 'In operator.yml, policy.mode must be auto, approve or dry-run.' },
      {
        path: 'policy.rules[1].mode',
        message: 'In operator.yml, policy.rules[1].mode must be auto, approve or dry-run.',
      },
    ]);
  });

  it('refuses unknown settings at every level, listing the known ones', () => {
    const error = problemsOf(`
polcy: {}
policy: { mod: auto, rules: [{ match: acme, mode: auto, extra: 1 }] }
rootKeys: [{ name: a, keyId: key_a, deploy: [{ repo: a/b, secret: S, scope: repo }] }]
unkey: { apis: [{ id: api_1, recoverable: true }] }
`);
    expect(error.problems.map((p) => p.path).sort()).toEqual(
      [
        'polcy',
        'policy.mod',
        'policy.rules[0].extra',
        'rootKeys[0].deploy[0].scope',
        'unkey.apis[0].recoverable',
      ].sort(),
    );
    expect(error.message).toContain(
      'In operator.yml, polcy is not a setting; remove it or fix its name (settings here: policy, rootKeys, unkey, notify, commands, apiKeyPrefixes).',
    );
    expect(error.message).toContain('(settings here: repo, org, environment, secret)');
  });

  it('refuses bad durations, booleans and enums without echoing the value', () => {
    const error = problemsOf(`
policy:
  approveTimeout: 30
  confirmTimeout: 0s
  manualRevokeTimeout: hunter2-value
  onApproveTimeout: hunter2-value
  rerollAffected: "yes"
`);
    expect(error.problems.map((p) => p.path)).toEqual([
      'policy.approveTimeout',
      'policy.onApproveTimeout',
      'policy.confirmTimeout',
      'policy.manualRevokeTimeout',
      'policy.rerollAffected',
    ]);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('policy.approveTimeout must be a duration such as 30m');
    expect(error.message).toContain('policy.confirmTimeout must be a positive duration');
  });

  it('refuses a rule that matches nothing sensible or sets nothing', () => {
    expect(paths('policy: { rules: [{ match: acme }] }')).toEqual(['policy.rules[0]']);
    expect(paths('policy: { rules: [{ mode: auto }] }')).toEqual(['policy.rules[0].match']);
    for (const match of ['"/acme"', '"!acme"', 'a/b/c', '"acme/[x"', '""'])
      expect(paths(`policy: { rules: [{ match: ${match}, mode: auto }] }`)).toEqual([
        'policy.rules[0].match',
      ]);
  });

  it('needs keyId or fingerprint on every root key, each listed once', () => {
    expect(paths('rootKeys: [{ name: production }]')).toEqual(['rootKeys[0]']);
    expect(problemsOf('rootKeys: [{ name: production }]').message).toContain(
      'rootKeys[0] has neither keyId nor fingerprint, so no leak can ever match it; add one of them.',
    );
    expect(paths('rootKeys: [{ keyId: key_a }]')).toEqual(['rootKeys[0].name']);
    expect(problemsOf('rootKeys: [{ keyId: key_a }]').message).toContain('rootKeys[0].name is required');
    expect(
      paths(`
rootKeys:
  - { name: a, keyId: key_a }
  - { name: b, keyId: key_b, fingerprint: "${FP}" }
  - { name: c, keyId: key_a }
  - { name: d, fingerprint: "${FP}" }
`),
    ).toEqual(['rootKeys[2].keyId', 'rootKeys[3].fingerprint']);
  });

  it('checks key ids, fingerprints and permissions', () => {
    expect(paths('rootKeys: [{ name: a, keyId: abc }]')).toEqual(['rootKeys[0].keyId']);
    const short = FP.slice(0, 40);
    const error = problemsOf(`rootKeys: [{ name: a, fingerprint: "${short}" }]`);
    expect(error.problems.map((p) => p.path)).toEqual(['rootKeys[0].fingerprint']);
    expect(error.message).not.toContain(short);
    expect(paths(`rootKeys: [{ name: a, keyId: key_a, permissions: ["api.* create"] }]`)).toEqual([
      'rootKeys[0].permissions[0]',
    ]);
  });

  it('checks deploy targets: one scope, environment with a repository, GitHub secret names', () => {
    const at = (target: string) => paths(`rootKeys: [{ name: a, keyId: key_a, deploy: [${target}] }]`);
    expect(at('{ secret: S }')).toEqual(['rootKeys[0].deploy[0]']);
    expect(at('{ repo: a/b, org: a, secret: S }')).toEqual(['rootKeys[0].deploy[0]']);
    expect(at('{ org: a, environment: prod, secret: S }')).toEqual(['rootKeys[0].deploy[0]']);
    expect(at('{ repo: acme, secret: S }')).toEqual(['rootKeys[0].deploy[0].repo']);
    expect(at('{ repo: a/b }')).toEqual(['rootKeys[0].deploy[0].secret']);
    for (const name of ['GITHUB_TOKEN', 'github_x', '1KEY', 'UNKEY-KEY', '"A B"'])
      expect(at(`{ repo: a/b, secret: ${name} }`), name).toEqual(['rootKeys[0].deploy[0].secret']);
    expect(
      problemsOf('rootKeys: [{ name: a, keyId: key_a, deploy: [{ org: a, secret: GITHUB_X }] }]').message,
    ).toContain('must not start with GITHUB_');
  });

  it('checks unkey.apis, and notify loosely', () => {
    expect(paths('unkey: { apis: [{ id: api_1 }, { id: api_2 }, { id: key_1 }] }')).toEqual([
      'unkey.apis[2].id',
    ]);
    expect(paths('unkey: { apis: [{ id: api_1 }, { id: api_1 }] }')).toEqual(['unkey.apis[1].id']);
    expect(paths('notify: { slack: [{ match: acme, webhookUrlEnv: "https://hooks.example/x" }] }')).toEqual([
      'notify.slack[0].webhookUrlEnv',
    ]);
    expect(paths('notify: { issueRepo: security }')).toEqual(['notify.issueRepo']);
    expect(paths('notify: [a]')).toEqual(['notify']);
    expect(parseOperatorConfig('notify: { future: { x: 1 } }').notify).toEqual({ future: { x: 1 } });
  });

  it('checks commands.responderTeams: teams as org/team-slug', () => {
    expect(paths('commands: { responderTeams: [acme/security, security, acme/a/b] }')).toEqual([
      'commands.responderTeams[1]',
      'commands.responderTeams[2]',
    ]);
    expect(paths('commands: { teams: [acme/security] }')).toEqual(['commands.teams']);
    expect(parseOperatorConfig('policy: { mode: auto }').commands).toEqual({ responderTeams: [] });
  });

  it('names line and column of a YAML syntax error without quoting the file', () => {
    const error = problemsOf('policy:\n  mode: auto\n  rules: [hunter2-value\n');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toMatch(
      /^operator\.yml is not valid YAML at line \d+, column \d+ \([A-Z_]+\); fix/,
    );
    expect(error.message).not.toContain('hunter2');
    expect(problemsOf('policy:\n  mode: auto\n  mode: approve\n').message).toContain(
      'at line 3, column 3 (DUPLICATE_KEY)',
    );
  });

  it('refuses a file that is not a mapping, and alias bombs', () => {
    expect(problemsOf('- policy').message).toBe(
      'In operator.yml, the file must be a YAML mapping of settings (policy, rootKeys, unkey, notify, commands, apiKeyPrefixes).',
    );
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'b'.repeat(i + 1)}: &b${i} [${Array(10)
          .fill(i ? `*b${i - 1}` : '*a')
          .join(', ')}]`,
      );
    expect(problemsOf(bomb.join('\n')).message).toContain('expands YAML aliases too many times');
  });

  it('refuses a file holding anything key-shaped, naming the line and never the key', () => {
    const cases = [
      [
        'root key as a value',
        (k: string) => `rootKeys:\n  - name: prod\n    keyId: ${k}\n`,
        keys.rootKey(),
        3,
      ],
      ['v1 key in a comment', (k: string) => `# ${k}\npolicy: {}\n`, keys.rootKeyV1(), 1],
      ['allow marker', (k: string) => `\n\npolicy: {} # ${k} rootguard:allow\n`, keys.rootKey(), 3],
      ['base64', (k: string) => `notify:\n  x: ${Buffer.from(k).toString('base64')}\n`, keys.rootKey(), 2],
    ] as const;
    for (const [label, make, key, line] of cases) {
      const error = problemsOf(make(key));
      expect(error.message, label).toBe(
        `operator.yml holds what looks like an Unkey root key at line ${line}: the config names keys by keyId or fingerprint, never by value; remove it (and treat that key as leaked).`,
      );
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(key.slice(6));
    }
  });
});

describe('apiKeyPrefixes (operator)', () => {
  it('reads the prefixes whose keys every log line masks, and refuses a bad one naming the field', () => {
    expect(parseOperatorConfig('apiKeyPrefixes: [acme, billing_v2]\n').apiKeyPrefixes).toEqual([
      'acme',
      'billing_v2',
    ]);
    expect(() => parseOperatorConfig('apiKeyPrefixes: [acme-x]\n')).toThrow(
      /apiKeyPrefixes\[0\] must be an API key prefix/,
    );
  });
});
