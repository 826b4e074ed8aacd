import { ConfigError } from './errors.js';

// A PEM private key block (PKCS#1 `RSA PRIVATE KEY` as GitHub hands it out, or PKCS#8).
const PEM = /^-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----\n[\s\S]+\n-----END \1-----\s*$/;

/** What `readPrivateKey` needs; `readFile` is injected so tests need no files. */
export interface PrivateKeySource {
  readonly inline: string | undefined;
  readonly path: string | undefined;
  readonly readFile: (path: string) => string;
}

/**
 * The App's private key from `PRIVATE_KEY` (PEM, with `\n` escapes as Probot allows, or the PEM
 * base64-encoded) or from the file `PRIVATE_KEY_PATH` names. Errors never hold the key text.
 */
export function readPrivateKey(source: PrivateKeySource): string {
  if (source.inline !== undefined && source.path !== undefined)
    throw new ConfigError(
      'config-conflict',
      'PRIVATE_KEY',
      'PRIVATE_KEY and PRIVATE_KEY_PATH are both set; set only one of them (the key text, or the path of the .pem file).',
    );
  if (source.inline !== undefined) {
    const key = normalizePem(source.inline);
    if (key === undefined)
      throw new ConfigError(
        'config-invalid',
        'PRIVATE_KEY',
        'PRIVATE_KEY must hold the PEM private key downloaded from the GitHub App\'s settings page ("-----BEGIN RSA PRIVATE KEY-----" ..., newlines may be written as \\n); the value set is not one.',
      );
    return key;
  }
  if (source.path !== undefined) {
    let text: string;
    try {
      text = source.readFile(source.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ConfigError(
        'config-unreadable',
        'PRIVATE_KEY_PATH',
        `PRIVATE_KEY_PATH must name a readable .pem file; ${JSON.stringify(source.path)} cannot be read (${code}).`,
      );
    }
    const key = normalizePem(text);
    if (key === undefined)
      throw new ConfigError(
        'config-invalid',
        'PRIVATE_KEY_PATH',
        `PRIVATE_KEY_PATH must name the .pem file downloaded from the GitHub App's settings page; ${JSON.stringify(source.path)} does not hold a PEM private key.`,
      );
    return key;
  }
  throw new ConfigError(
    'config-missing',
    'PRIVATE_KEY',
    "PRIVATE_KEY or PRIVATE_KEY_PATH must be set to the GitHub App's private key (the PEM text, or the path of the .pem file).",
  );
}

function normalizePem(raw: string): string | undefined {
  const text = raw.trim().replace(/\\n/g, '\n').replace(/\r\n/g, '\n');
  if (PEM.test(text)) return `${text.replace(/\s+$/, '')}\n`;
  // Probot also accepts the PEM base64-encoded (one line, easy to put in an env var).
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    const decoded = Buffer.from(text, 'base64').toString('utf8').trim().replace(/\r\n/g, '\n');
    if (PEM.test(decoded)) return `${decoded.replace(/\s+$/, '')}\n`;
  }
  return undefined;
}
