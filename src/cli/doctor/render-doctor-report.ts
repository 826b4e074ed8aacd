import { maskSecrets } from '../../log/mask-secrets.js';
import { doctorExitCode, type DoctorCheck } from './doctor-check.js';

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL' } as const;

/**
 * The table: one line per check (state, name, detail) and, under a warning or a failure, its fix;
 * then a summary line. Passed through the secret mask once more, whatever a message held.
 */
export function renderDoctorText(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((check) => check.name.length), 5);
  const lines = checks.flatMap((check) => [
    `${MARK[check.state]}  ${check.name.padEnd(width)}  ${check.detail}`,
    ...(check.fix && check.state !== 'pass' ? [`      ${' '.repeat(width)}  fix: ${check.fix}`] : []),
  ]);
  const count = (state: DoctorCheck['state']) => checks.filter((check) => check.state === state).length;
  const verdict = doctorExitCode(checks) === 0 ? 'ready' : 'not ready';
  lines.push(
    '',
    `${verdict}: ${count('pass')} passed, ${count('warn')} warning(s), ${count('fail')} failed.`,
  );
  return maskSecrets(`${lines.join('\n')}\n`);
}

/** `--format json`: `{ ok, checks: [{ name, state, detail, fix? }] }`. */
export function renderDoctorJson(checks: readonly DoctorCheck[]): string {
  return maskSecrets(`${JSON.stringify({ ok: doctorExitCode(checks) === 0, checks }, null, 2)}\n`);
}
