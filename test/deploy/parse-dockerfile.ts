// Reads a Dockerfile into stages of instructions, as BuildKit does, for the tests that run them
// without a container engine. It knows the instructions rootguard's Dockerfile uses and throws on
// any other, so a new instruction is taught to the tests rather than skipped.

/** One instruction, its continuation lines joined. */
export interface Instruction {
  /** Upper case: `RUN`, `COPY`, … */
  readonly keyword: string;
  /** The text after the keyword, `${ARG}` references substituted. */
  readonly text: string;
  /** 1-based line of the keyword. */
  readonly line: number;
}

/** A `FROM … AS name` stage. */
export interface Stage {
  readonly name: string;
  /** The base image reference, `${ARG}` references substituted. */
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** Values of the `ARG`s declared before the first `FROM`. */
  readonly globalArgs: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
}

const KNOWN = new Set([
  'ARG',
  'FROM',
  'WORKDIR',
  'COPY',
  'RUN',
  'ENV',
  'USER',
  'EXPOSE',
  'HEALTHCHECK',
  'ENTRYPOINT',
  'CMD',
]);

/** Parses `text`; throws on an instruction the tests do not know how to run. */
export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: { name: string; base: string; instructions: Instruction[] }[] = [];
  for (const raw of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/s.exec(raw.text);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    if (!KNOWN.has(keyword))
      throw new Error(`Dockerfile line ${raw.line}: the deploy tests do not know ${keyword}`);
    const body = substitute(match[2]!.trim(), globalArgs);
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(body);
      if (!from) throw new Error(`Dockerfile line ${raw.line}: cannot read FROM ${body}`);
      stages.push({ name: from[2] ?? String(stages.length), base: from[1]!, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`Dockerfile line ${raw.line}: ${keyword} before the first FROM`);
      const arg = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(body);
      if (!arg) throw new Error(`Dockerfile line ${raw.line}: cannot read ARG ${body}`);
      globalArgs[arg[1]!] = arg[2] ?? '';
    } else {
      stages.at(-1)!.instructions.push({ keyword, text: body, line: raw.line });
    }
  }
  return { globalArgs, stages };
}

/** The exec form (`["a", "b"]`) as an argument list, or `undefined` for the shell form. */
export function execForm(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string'))
    throw new Error(`not an exec form: ${text}`);
  return parsed;
}

/** `HEALTHCHECK [--option=value …] CMD …`: its options and its command (exec form). */
export function parseHealthcheck(text: string): { options: Record<string, string>; command: string[] } {
  const match = /^((?:--[a-z-]+=\S+\s+)*)CMD\s+(.*)$/s.exec(text);
  if (!match) throw new Error(`cannot read HEALTHCHECK ${text}`);
  const options = Object.fromEntries(
    match[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((option) => option.slice(2).split('=') as [string, string]),
  );
  const command = execForm(match[2]!.trim());
  if (!command) throw new Error('HEALTHCHECK CMD must use the exec form (no shell needed to run it)');
  return { options, command };
}

/** Lines with comments and blank lines dropped and `\` continuations joined. */
function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  let pending: { text: string; line: number } | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^\s*#/.test(line) || (pending === undefined && line.trim() === '')) continue;
    const continued = /\\\s*$/.test(line);
    const part = continued ? line.replace(/\\\s*$/, '') : line;
    pending = pending
      ? { text: `${pending.text} ${part.trim()}`, line: pending.line }
      : { text: part.trim(), line: index + 1 };
    if (!continued) {
      yield pending;
      pending = undefined;
    }
  }
  if (pending) yield pending;
}

function substitute(text: string, args: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => args[name] ?? whole);
}
