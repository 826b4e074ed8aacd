// Realistic text pieces (identifiers, UUIDs, hashes, base64, JWT-like tokens, URLs) drawn from the
// seeded KeyGenerator, so a corpus is the same on every machine for the same seed.
import type { KeyGenerator } from '../../../test/support/keygen.js';

const WORDS = (
  'user account order invoice payment session token cache queue worker job build deploy release ' +
  'config setting option client server request response handler router service store record event ' +
  'message retry timeout limit window bucket region project workspace member role permission audit ' +
  'report metric trace span log level status health check result error warning value entry item ' +
  'list map index count total offset cursor page batch chunk stream buffer file path name label ' +
  'tag version commit branch merge review comment issue ticket customer product price plan usage ' +
  'quota rate key secret credential identity email address phone profile avatar image upload ' +
  'download export import schema table column migration seed fixture mock stub test suite case'
).split(' ');
const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const TLDS = ['com', 'io', 'dev', 'net', 'org', 'cloud'];

/** Builds realistic text from a seeded generator; every method advances the same stream. */
export class TextKit {
  constructor(readonly gen: KeyGenerator) {}

  int(min: number, max: number): number {
    return this.gen.int(min, max);
  }

  pick<T>(items: readonly T[]): T {
    return this.gen.pick(items);
  }

  chance(p: number): boolean {
    return this.gen.next() < p;
  }

  /** An integer spread evenly on a log scale: many small values, a few large ones (file sizes). */
  logUniform(min: number, max: number): number {
    return Math.round(Math.exp(Math.log(min) + this.gen.next() * (Math.log(max) - Math.log(min))));
  }

  word(): string {
    return this.pick(WORDS);
  }

  words(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.word());
    return out;
  }

  camel(parts = this.int(1, 3)): string {
    const [first = 'value', ...rest] = this.words(parts);
    return first + rest.map(capitalise).join('');
  }

  pascal(parts = this.int(1, 3)): string {
    return capitalise(this.camel(parts));
  }

  snake(parts = this.int(1, 3)): string {
    return this.words(parts).join('_');
  }

  screaming(parts = this.int(1, 3)): string {
    return this.snake(parts).toUpperCase();
  }

  sentence(min = 4, max = 14): string {
    return capitalise(this.words(this.int(min, max)).join(' ')) + '.';
  }

  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += HEX[this.int(0, 15)];
    return out;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** Base64 text of `n` random bytes (not the bytes themselves: faster, and the same shape). */
  base64(nBytes: number, urlSafe = false): string {
    const chars = Math.ceil((nBytes * 4) / 3);
    let out = '';
    for (let i = 0; i < chars; i++) out += BASE64[this.int(0, 63)];
    if (urlSafe) return out.replace(/\+/g, '-').replace(/\//g, '_');
    return out + '='.repeat((4 - (chars % 4)) % 4);
  }

  jwt(): string {
    const header = Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url');
    return `${header}.${this.base64(this.int(80, 180), true)}.${this.base64(256, true)}`;
  }

  host(): string {
    return `${this.word()}${this.chance(0.5) ? '-' + this.word() : ''}.example.${this.pick(TLDS)}`;
  }

  url(): string {
    const path = this.words(this.int(1, 4)).join('/');
    const query = this.chance(0.5) ? `?${this.word()}=${this.word()}&id=${this.uuid()}` : '';
    return `https://${this.host()}/${path}${query}`;
  }

  semver(): string {
    return `${this.int(0, 9)}.${this.int(0, 30)}.${this.int(0, 20)}`;
  }

  ipv4(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  /** An ISO timestamp that moves forward with `step` milliseconds (for log files). */
  timestamp(epochMs: number, digits = 3): string {
    const iso = new Date(epochMs).toISOString();
    return digits === 3 ? iso : `${iso.slice(0, 23).padEnd(20 + digits, '0')}Z`;
  }

  /** A short realistic value for a string literal or a config entry. */
  value(): string {
    switch (this.int(0, 7)) {
      case 0:
        return this.uuid();
      case 1:
        return this.url();
      case 2:
        return this.hex(40);
      case 3:
        return this.base64(this.int(12, 48));
      case 4:
        return this.sentence(2, 6);
      case 5:
        return String(this.int(0, 100_000));
      case 6:
        return this.semver();
      default:
        return this.snake();
    }
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
