// The kinds of file in the corpus: where they live, how big they are, what fills them, and how a
// token (a key, an encoded key, a near-miss) sits on a line of that kind.
import type { BlockWriter } from './code-blocks.js';
import { goBlock, javascriptBlock, pythonBlock, typescriptBlock } from './code-blocks.js';
import { dockerfileBlock, envBlock, jsonBlock, markdownBlock, yamlBlock } from './config-blocks.js';
import { appLogBlock, ciLogBlock, ciStamp, ESC, type LogClock } from './log-blocks.js';
import type { TextKit } from './text-kit.js';

export type FileKindId =
  'ts' | 'js' | 'py' | 'go' | 'yaml' | 'json' | 'env' | 'dockerfile' | 'md' | 'ci-log' | 'app-log';

/** What a token line looks like around the token. */
export interface TokenLine {
  readonly prefix: string;
  readonly suffix: string;
}

export interface FileKind {
  readonly id: FileKindId;
  readonly isLog: boolean;
  /** Relative weight among source files (logs are balanced by bytes instead). */
  readonly weight: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Probability that a file of this kind has CRLF line breaks. */
  readonly crlfShare: number;
  path(kit: TextKit, repo: string): string;
  readonly head: readonly string[];
  readonly tail: readonly string[];
  block(clock: LogClock): BlockWriter;
  tokenLine(kit: TextKit, clock: LogClock): TokenLine;
  /** How a comment is opened on a line of this kind (for `rootguard:allow`); none for logs. */
  readonly comment?: string;
}

const KB = 1024;
const MB = 1024 * KB;
// A repository has a few modules, some with sub-folders: several files per folder, as in real code.
const MODULES = ['api', 'auth', 'billing', 'core', 'jobs', 'utils'];
const SUBDIRS = ['handlers', 'models', 'services'];
const SUBDIR_SHARE = 0.3;
const dir = (kit: TextKit) =>
  `${kit.pick(MODULES)}/${kit.chance(SUBDIR_SHARE) ? `${kit.pick(SUBDIRS)}/` : ''}`;
const kebab = (kit: TextKit) => kit.snake(2).replace(/_/g, '-');
const fixed = (writer: BlockWriter) => () => writer;
const line = (prefix: string, suffix = ''): TokenLine => ({ prefix, suffix });

export const FILE_KINDS: readonly FileKind[] = [
  {
    id: 'ts',
    isLog: false,
    weight: 30,
    minBytes: 2 * KB,
    maxBytes: 100 * KB,
    crlfShare: 0,
    comment: '//',
    path: (kit, repo) => `repos/${repo}/src/${dir(kit)}${kebab(kit)}.ts`,
    head: ["import { z } from 'zod';", "import type { Logger } from 'pino';"],
    tail: [],
    block: fixed(typescriptBlock),
    tokenLine: (kit) =>
      kit.chance(0.5) ? line(`const ${kit.camel(2)} = '`, "';") : line(`  ${kit.camel(1)}: "`, '",'),
  },
  {
    id: 'js',
    isLog: false,
    weight: 12,
    minBytes: 2 * KB,
    maxBytes: 100 * KB,
    crlfShare: 0.05,
    comment: '//',
    path: (kit, repo) => `repos/${repo}/lib/${dir(kit)}${kebab(kit)}.js`,
    head: ["'use strict';", "const express = require('express');"],
    tail: [],
    block: fixed(javascriptBlock),
    tokenLine: () => line('  headers: { authorization: "Bearer ', '" },'),
  },
  {
    id: 'py',
    isLog: false,
    weight: 12,
    minBytes: 2 * KB,
    maxBytes: 80 * KB,
    crlfShare: 0,
    comment: '#',
    path: (kit, repo) => `repos/${repo}/app/${dir(kit)}${kit.snake(2)}.py`,
    head: ['from __future__ import annotations', '', 'import requests'],
    tail: [],
    block: fixed(pythonBlock),
    tokenLine: (kit) => line(`${kit.screaming(2)} = "`, '"'),
  },
  {
    id: 'go',
    isLog: false,
    weight: 10,
    minBytes: 2 * KB,
    maxBytes: 80 * KB,
    crlfShare: 0,
    comment: '//',
    path: (kit, repo) => `repos/${repo}/internal/${dir(kit)}${kit.snake(2)}.go`,
    head: ['package service', '', 'import (', '\t"context"', '\t"fmt"', '\t"net/http"', ')'],
    tail: [],
    block: fixed(goBlock),
    tokenLine: (kit) => line(`\t${kit.camel(2)} := "`, '"'),
  },
  {
    id: 'yaml',
    isLog: false,
    weight: 10,
    minBytes: 1 * KB,
    maxBytes: 30 * KB,
    crlfShare: 0.1,
    comment: '#',
    path: (kit, repo) =>
      `repos/${repo}/${kit.pick(['deploy/k8s', '.github/workflows', 'config'])}/${kebab(kit)}.yaml`,
    head: [],
    tail: [],
    block: fixed(yamlBlock),
    tokenLine: (kit) => line(`  ${kit.snake(2)}: `),
  },
  {
    id: 'json',
    isLog: false,
    weight: 8,
    minBytes: 1 * KB,
    maxBytes: 100 * KB,
    crlfShare: 0,
    path: (kit, repo) =>
      `repos/${repo}/${kit.pick(['fixtures', 'data', 'test/fixtures'])}/${kebab(kit)}.json`,
    head: ['{', '  "items": ['],
    tail: ['  ]', '}'],
    block: fixed(jsonBlock),
    tokenLine: (kit) => line(`    "${kit.camel(2)}": "`, '",'),
  },
  {
    id: 'env',
    isLog: false,
    weight: 2,
    minBytes: 300,
    maxBytes: 4 * KB,
    crlfShare: 0.15,
    comment: '#',
    path: (kit, repo) =>
      `repos/${repo}/${kit.pick(['', `apps/${kit.pick(MODULES)}/`, 'deploy/'])}.env${kit.pick(['', '.local', '.production', '.example', `.${kit.word()}`])}`,
    head: [],
    tail: [],
    block: fixed(envBlock),
    tokenLine: (kit) => line(`${kit.screaming(2)}=`),
  },
  {
    id: 'dockerfile',
    isLog: false,
    weight: 2,
    minBytes: 500,
    maxBytes: 4 * KB,
    crlfShare: 0,
    comment: '#',
    path: (kit, repo) =>
      `repos/${repo}/${kit.pick(['', 'docker/', `apps/${kit.pick(MODULES)}/`])}Dockerfile${kit.pick(['', `.${kit.word()}`])}`,
    head: ['# syntax=docker/dockerfile:1.7'],
    tail: ['CMD ["node", "dist/main.js"]'],
    block: fixed(dockerfileBlock),
    tokenLine: (kit) => line(`ENV ${kit.screaming(2)}=`),
  },
  {
    id: 'md',
    isLog: false,
    weight: 11,
    minBytes: 2 * KB,
    maxBytes: 60 * KB,
    crlfShare: 0.05,
    path: (kit, repo) => `repos/${repo}/docs/${kebab(kit)}.md`,
    head: ['# Runbook', ''],
    tail: [],
    block: fixed(markdownBlock),
    tokenLine: (kit) => line(`Set \`${kit.screaming(2)}\` to \``, '` → then restart the worker.'),
  },
  {
    id: 'ci-log',
    isLog: true,
    weight: 0,
    minBytes: 300 * KB,
    maxBytes: 10 * MB,
    crlfShare: 0.25,
    path: (kit) =>
      `logs/actions/${kit.int(1e9, 9e9)}/${kit.int(1, 9)}_${kit.pick(['build', 'test', 'deploy', 'lint'])}.txt`,
    head: [],
    tail: [],
    block: ciLogBlock,
    tokenLine: (kit, clock) => line(`${ciStamp(kit, clock)}  ${kit.screaming(2)}: `),
  },
  {
    id: 'app-log',
    isLog: true,
    weight: 0,
    minBytes: 300 * KB,
    maxBytes: 6 * MB,
    crlfShare: 0.1,
    path: (kit) => `logs/app/${kit.word()}-${kit.int(1, 28)}.log`,
    head: [],
    tail: [],
    block: appLogBlock,
    tokenLine: (kit, clock) =>
      line(
        `${kit.timestamp(clock.tick(kit))} ${ESC}[33mWARN ${ESC}[0m [auth] ${kit.pick(['→', '🔑', '⚠'])} using root key `,
        ` for ${kit.uuid()}`,
      ),
  },
];

/** The file kind with this id. */
export function fileKind(id: FileKindId): FileKind {
  const kind = FILE_KINDS.find((k) => k.id === id);
  if (!kind) throw new Error(`unknown file kind ${id}`);
  return kind;
}
