// Every way a root key is planted: plain in each kind of file, at line starts and ends (next to
// CRLF), base64 (standard, URL-safe, K8s Secret data, .env), nested base64 (a docker auth inside
// a `.dockerconfigjson`), percent-encoded, and string-escaped.
import type { DecoderId } from '../../../src/detect/finding.js';
import type { FileKindId } from './file-kinds.js';
import { ESC } from './log-blocks.js';
import { codePoints, onKindLine, onLine, type PlantContext, type Placement } from './placement.js';

export interface KeyForm {
  readonly id: string;
  /** The kinds of file this form can be planted in. */
  readonly kinds: readonly FileKindId[];
  /** Plant only in files with CRLF line breaks. */
  readonly needsCrlf?: boolean;
  readonly decodedFrom: readonly DecoderId[];
  /** Outside the detector's contract: reported separately, not asserted. */
  readonly probe?: boolean;
  render(ctx: PlantContext, key: string): Placement;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const kindLine = (ctx: PlantContext, key: string) => onKindLine(ctx, key);

/** A K8s Secret whose data holds `value` under one entry. */
function k8sSecret(ctx: PlantContext, type: string, entry: string, value: string): Placement {
  const head = [
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${ctx.kit.word()}-credentials`,
  ];
  head.push(`  namespace: ${ctx.kit.word()}`, `type: ${type}`, 'data:');
  const prefix = `  ${entry}: `;
  return {
    lines: [...head, prefix + value],
    at: head.length,
    column: prefix.length + 1,
    length: value.length,
  };
}

function dockerConfig(ctx: PlantContext, key: string): string {
  const auth = base64(`${ctx.kit.word()}-bot:${key}`);
  return JSON.stringify({ auths: { [`registry.${ctx.kit.host()}`]: { auth } } });
}

export const KEY_FORMS: readonly KeyForm[] = [
  { id: 'plain-code', kinds: ['ts', 'js', 'py', 'go'], decodedFrom: [], render: kindLine },
  { id: 'plain-env', kinds: ['env'], decodedFrom: [], render: kindLine },
  { id: 'plain-yaml', kinds: ['yaml'], decodedFrom: [], render: kindLine },
  { id: 'plain-json', kinds: ['json'], decodedFrom: [], render: kindLine },
  { id: 'plain-log', kinds: ['ci-log', 'app-log'], decodedFrom: [], render: kindLine },
  { id: 'plain-docs', kinds: ['md', 'dockerfile'], decodedFrom: [], render: kindLine },
  {
    id: 'line-start',
    kinds: ['md'],
    decodedFrom: [],
    render: (_ctx, key) => ({ lines: ['```text', key, '```'], at: 1, column: 1, length: codePoints(key) }),
  },
  {
    id: 'line-end-crlf',
    kinds: ['env', 'ci-log', 'app-log', 'yaml'],
    needsCrlf: true,
    decodedFrom: [],
    render: (ctx, key) => onLine(`export ${ctx.kit.screaming(2)}=`, key),
  },
  {
    id: 'base64-env',
    kinds: ['env'],
    decodedFrom: ['base64'],
    render: (ctx, key) => onLine(`${ctx.kit.screaming(2)}_B64=`, base64(key)),
  },
  {
    id: 'base64-std',
    kinds: ['yaml', 'json', 'ts'],
    decodedFrom: ['base64'],
    render: (ctx, key) => onKindLine(ctx, base64(`${key}\n`)),
  },
  {
    id: 'base64url',
    kinds: ['ts', 'js', 'ci-log', 'md'],
    decodedFrom: ['base64url'],
    render: (ctx, key) => {
      const state = base64url(JSON.stringify({ rootKey: key, ws: ctx.kit.uuid() }));
      return onLine(
        `  redirect: "https://${ctx.kit.host()}/oauth/callback?state=`,
        state,
        `&code=${ctx.kit.hex(20)}",`,
      );
    },
  },
  {
    id: 'k8s-secret-data',
    kinds: ['yaml'],
    decodedFrom: ['base64'],
    render: (ctx, key) => k8sSecret(ctx, 'Opaque', 'UNKEY_ROOT_KEY', base64(key)),
  },
  {
    id: 'docker-auth',
    kinds: ['json'],
    decodedFrom: ['base64'],
    render: (ctx, key) => onLine('    "auth": "', base64(`${ctx.kit.word()}-bot:${key}`), '",'),
  },
  {
    id: 'dockerconfigjson-nested',
    kinds: ['yaml'],
    decodedFrom: ['base64', 'base64'],
    render: (ctx, key) =>
      k8sSecret(ctx, 'kubernetes.io/dockerconfigjson', '.dockerconfigjson', base64(dockerConfig(ctx, key))),
  },
  {
    id: 'percent-underscore',
    kinds: ['ts', 'py', 'ci-log', 'md'],
    decodedFrom: ['percent'],
    render: (ctx, key) =>
      onLine(`  webhook = "https://${ctx.kit.host()}/v1/hook?token=`, key.replace('_', '%5F'), '&env=prod"'),
  },
  {
    id: 'percent-nested-url',
    kinds: ['ts', 'js', 'ci-log', 'app-log'],
    decodedFrom: ['percent'],
    render: (ctx, key) => {
      const inner = encodeURIComponent(
        `https://${ctx.kit.host()}/cb?token=${key}&ts=${ctx.kit.int(1e9, 2e9)}`,
      );
      return onLine(`  GET https://${ctx.kit.host()}/login?redirect_uri=`, inner, ' 302');
    },
  },
  {
    id: 'string-escaped',
    kinds: ['json', 'ts', 'js'],
    decodedFrom: ['escape'],
    render: (ctx, key) => onLine(`    "${ctx.kit.camel(2)}": "`, key.replace('_', '\\u005f'), '",'),
  },
  {
    // A key right after an ANSI colour code, as `echo -e "\e[33m$KEY"` prints it in CI logs.
    id: 'ansi-adjacent',
    kinds: ['ci-log', 'app-log'],
    decodedFrom: [],
    render: (ctx, key) =>
      onLine(`${ctx.kit.timestamp(ctx.clock.tick(ctx.kit))} root key: ${ESC}[1;33m`, key, `${ESC}[0m`),
  },
];
