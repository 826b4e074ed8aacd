// Blocks of CI job logs (GitHub Actions style: timestamps, ANSI colours, groups, long lines) and
// application logs (JSON lines and coloured text). Time moves forward through a file.
import type { BlockWriter } from './code-blocks.js';
import type { TextKit } from './text-kit.js';

/** The escape character that starts an ANSI colour code. */
export const ESC = '\u001b';
const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'];
const COLOURS: Record<string, string> = { info: '32', debug: '90', warn: '33', error: '31' };

/** A clock per log file: every call returns a later time. */
export class LogClock {
  #ms: number;
  constructor(kit: TextKit) {
    this.#ms = Date.UTC(2026, 10, kit.int(1, 26), kit.int(0, 23), kit.int(0, 59));
  }
  tick(kit: TextKit): number {
    this.#ms += kit.int(0, 900);
    return this.#ms;
  }
}

/** A GitHub Actions-style log line prefix: a 7-digit fraction timestamp. */
export function ciStamp(kit: TextKit, clock: LogClock): string {
  return `${kit.timestamp(clock.tick(kit), 7)} `;
}

export function ciLogBlock(clock: LogClock): BlockWriter {
  return (kit, out) => {
    const t = () => ciStamp(kit, clock);
    out.push(
      `${t()}##[group]Run ${kit.pick(['npm ci', 'npm test', 'go test ./...', 'pytest -q', 'docker build .'])}`,
    );
    out.push(`${t()}${ESC}[36;1m${kit.pick(['npm', 'npx', 'make'])} ${kit.word()} --${kit.word()}${ESC}[0m`);
    out.push(
      `${t()}shell: /usr/bin/bash -e {0}`,
      `${t()}env:`,
      `${t()}  NODE_VERSION: 20.${kit.int(0, 19)}.${kit.int(0, 9)}`,
    );
    out.push(`${t()}##[endgroup]`);
    for (let i = kit.int(5, 40); i > 0; i--) {
      switch (kit.int(0, 6)) {
        case 0:
          out.push(
            `${t()}${ESC}[32m✓${ESC}[39m ${kit.word()}/${kit.camel(2)}.test.ts ${ESC}[2m(${kit.int(1, 40)} tests)${ESC}[22m ${kit.int(3, 900)}ms`,
          );
          break;
        case 1:
          out.push(`${t()}npm warn deprecated ${kit.word()}@${kit.semver()}: ${kit.sentence(4, 10)}`);
          break;
        case 2:
          out.push(
            `${t()}added ${kit.int(100, 1400)} packages, and audited ${kit.int(100, 1400)} packages in ${kit.int(2, 60)}s`,
          );
          break;
        case 3:
          out.push(
            `${t()}#${kit.int(1, 30)} sha256:${kit.hex(64)} ${kit.int(1, 90)}.${kit.int(0, 9)}MB / ${kit.int(90, 400)}.${kit.int(0, 9)}MB ${kit.int(0, 9)}.${kit.int(0, 9)}s`,
          );
          break;
        case 4:
          // Long lines happen: minified stack traces, JSON dumps, compiler output.
          out.push(
            `${t()}${JSON.stringify(Array.from({ length: kit.int(5, 60) }, () => ({ id: kit.uuid(), [kit.camel(1)]: kit.value() })))}`,
          );
          break;
        case 5:
          out.push(`${t()}${ESC}[33mwarning${ESC}[0m ${kit.sentence()} (${kit.url()})`);
          break;
        default:
          out.push(`${t()}  ${kit.word()}:${kit.word()} ${kit.sentence(2, 8)} [${kit.hex(7)}]`);
      }
    }
  };
}

export function appLogBlock(clock: LogClock): BlockWriter {
  return (kit, out) => {
    for (let i = kit.int(10, 40); i > 0; i--) {
      const level = kit.pick(LEVELS);
      const time = kit.timestamp(clock.tick(kit));
      if (kit.chance(0.6)) {
        const record = {
          level,
          time,
          pid: kit.int(1, 99_999),
          reqId: kit.uuid(),
          msg: kit.sentence(3, 10),
          [kit.camel(1)]: kit.value(),
          auth: kit.chance(0.2) ? `Bearer ${kit.jwt()}` : undefined,
        };
        out.push(JSON.stringify(record));
      } else {
        const colour = COLOURS[level] ?? '0';
        out.push(
          `${time} ${ESC}[${colour}m${level.toUpperCase().padEnd(5)}${ESC}[0m [${kit.word()}] ${kit.sentence()} ip=${kit.ipv4()} trace=${kit.hex(32)}`,
        );
      }
    }
  };
}
