import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';
import { DEFAULT_OPERATOR_CONFIG, parseOperatorConfig, type OperatorConfig } from './operator-config.js';

/**
 * Reads the operator config from the file `ROOTGUARD_CONFIG` names; unset gives the defaults
 * (`auto` everywhere, no inventory). A file that cannot be read or is invalid throws `ConfigError`.
 * @param readFile reads the file as UTF-8. @defaultValue `fs.readFileSync(path, 'utf8')`
 */
export function loadOperatorConfig(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): OperatorConfig {
  const path = env['ROOTGUARD_CONFIG']?.trim();
  if (path === undefined || path === '') return DEFAULT_OPERATOR_CONFIG;
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      'config-unreadable',
      'ROOTGUARD_CONFIG',
      `ROOTGUARD_CONFIG names ${JSON.stringify(path)}, which cannot be read${typeof code === 'string' ? ` (${code})` : ''}; point it at the operator config file or unset it for the defaults.`,
    );
  }
  return parseOperatorConfig(text, `ROOTGUARD_CONFIG (${path})`);
}
