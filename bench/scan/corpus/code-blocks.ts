// One block of plausible source code per call (a function, a class, a config object), per language.
import type { TextKit } from './text-kit.js';

/** Writes one block of lines of a source file. */
export type BlockWriter = (kit: TextKit, out: string[]) => void;

export const typescriptBlock: BlockWriter = (kit, out) => {
  const name = kit.camel(2);
  const type = kit.pascal(2);
  out.push('', '/**', ` * ${kit.sentence()}`, ` * @param ${kit.camel(1)} ${kit.sentence(3, 8)}`, ' */');
  out.push(
    `export async function ${name}(${kit.camel(1)}: ${type}, options: ${type}Options = {}): Promise<${type}> {`,
  );
  for (let i = kit.int(2, 12); i > 0; i--) {
    switch (kit.int(0, 5)) {
      case 0:
        out.push(
          `  const ${kit.camel()} = await this.${kit.camel(2)}(${kit.camel(1)}, { id: '${kit.uuid()}' });`,
        );
        break;
      case 1:
        out.push(
          `  if (!${kit.camel()}) throw new ${kit.pascal(1)}Error(\`${kit.sentence(3, 7)} \${${kit.camel(1)}}\`);`,
        );
        break;
      case 2:
        out.push(`  // ${kit.sentence()}`);
        break;
      case 3:
        out.push(`  const url = new URL('${kit.url()}');`);
        break;
      case 4:
        out.push(
          `  logger.debug({ ${kit.camel(1)}: ${kit.camel(2)}, hash: '${kit.hex(64)}' }, '${kit.sentence(2, 6)}');`,
        );
        break;
      default:
        out.push(
          `  return { ...options, ${kit.camel(1)}: ${kit.int(0, 9999)}, ${kit.camel(1)}: '${kit.value()}' };`,
        );
    }
  }
  out.push('}');
};

export const javascriptBlock: BlockWriter = (kit, out) => {
  const name = kit.camel(2);
  out.push('', `// ${kit.sentence()}`, `module.exports.${name} = function ${name}(req, res, next) {`);
  for (let i = kit.int(2, 10); i > 0; i--) {
    switch (kit.int(0, 3)) {
      case 0:
        out.push(
          `  var ${kit.camel()} = req.${kit.pick(['body', 'query', 'params'])}.${kit.camel(1)} || "${kit.value()}";`,
        );
        break;
      case 1:
        out.push(`  res.setHeader("X-${kit.pascal(1)}-Id", "${kit.uuid()}");`);
        break;
      case 2:
        out.push(`  fetch("${kit.url()}", { headers: { "content-type": "application/json" } }).then(next);`);
        break;
      default:
        out.push(`  /* ${kit.sentence()} */`);
    }
  }
  out.push('};');
};

export const pythonBlock: BlockWriter = (kit, out) => {
  out.push('', '', `class ${kit.pascal(2)}(${kit.pascal(1)}Base):`, `    """${kit.sentence()}"""`, '');
  for (let m = kit.int(1, 4); m > 0; m--) {
    out.push(
      `    def ${kit.snake(2)}(self, ${kit.snake(1)}: str, ${kit.snake(1)}: int = ${kit.int(0, 100)}) -> dict:`,
    );
    out.push(`        """${kit.sentence(3, 9)}"""`);
    for (let i = kit.int(1, 6); i > 0; i--) {
      switch (kit.int(0, 3)) {
        case 0:
          out.push(`        ${kit.snake()} = self._${kit.snake(2)}("${kit.uuid()}")`);
          break;
        case 1:
          out.push(`        # ${kit.sentence()}`);
          break;
        case 2:
          out.push(`        resp = requests.get(f"${kit.url()}", timeout=${kit.int(1, 30)})`);
          break;
        default:
          out.push(`        return {"${kit.snake(1)}": "${kit.value()}", "sha": "${kit.hex(40)}"}`);
      }
    }
    out.push('');
  }
};

export const goBlock: BlockWriter = (kit, out) => {
  const type = kit.pascal(2);
  out.push('', `// ${type} ${kit.sentence()}`, `type ${type} struct {`);
  for (let i = kit.int(2, 6); i > 0; i--) {
    const field = kit.pascal(2);
    out.push(
      `\t${field} ${kit.pick(['string', 'int64', 'bool', 'time.Time', '[]byte'])} \`json:"${kit.snake(2)}"\``,
    );
  }
  out.push('}', '', `func (s *${type}) ${kit.pascal(2)}(ctx context.Context, id string) error {`);
  for (let i = kit.int(2, 8); i > 0; i--) {
    switch (kit.int(0, 2)) {
      case 0:
        out.push(
          `\tif err := s.${kit.camel(2)}(ctx, "${kit.uuid()}"); err != nil {`,
          '\t\treturn fmt.Errorf("%w", err)',
          '\t}',
        );
        break;
      case 1:
        out.push(`\t// ${kit.sentence()}`);
        break;
      default:
        out.push(`\treq, _ := http.NewRequestWithContext(ctx, "GET", "${kit.url()}", nil)`, '\t_ = req');
    }
  }
  out.push('\treturn nil', '}');
};
