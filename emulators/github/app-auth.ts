// The App's identity: an RSA key pair generated per emulator, RS256 JWT checks for /app/*
// endpoints, and installation tokens (`ghs_…`, one hour) for everything else.
import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import { GitHubHttpError } from './http-reply.js';

/** Installation token lifetime, as GitHub's. */
export const INSTALLATION_TOKEN_TTL_MS = 60 * 60 * 1000;
/** GitHub rejects App JWTs whose lifetime exceeds 10 minutes (plus our 60 s clock drift). */
export const MAX_JWT_LIFETIME_S = 600 + 60;

/** An issued installation token. */
export interface IssuedToken {
  installationId: number;
  expiresAt: Date;
}

function base64urlJson(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A new RSA key pair: the PKCS#1 PEM GitHub hands out, and the public half JWTs are checked with. */
function generateAppKey(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: createPublicKey(privateKey),
  };
}

/**
 * Key pairs, JWT verification and token issuance. `appId` is the seeded App (the one with the
 * installations); Apps created through the manifest flow (`registerApp`) authenticate too.
 */
export class AppAuth {
  readonly privateKeyPem: string;
  /** App id → the public key its JWTs are checked with. */
  readonly #publicKeys = new Map<number, KeyObject>();
  readonly #tokens = new Map<string, IssuedToken>();

  constructor(
    readonly appId: number,
    private readonly now: () => Date,
  ) {
    const { privateKeyPem, publicKey } = generateAppKey();
    this.privateKeyPem = privateKeyPem;
    this.#publicKeys.set(appId, publicKey);
  }

  /** Gives a new App (manifest flow) a key pair; returns its private key (PKCS#1 PEM). */
  registerApp(appId: number): string {
    const { privateKeyPem, publicKey } = generateAppKey();
    this.#publicKeys.set(appId, publicKey);
    return privateKeyPem;
  }

  /**
   * Checks `Authorization: Bearer <jwt>` and returns the App it was signed for; throws 401 like
   * GitHub when it is not a valid JWT of a known App.
   */
  verifyJwt(authorization: string | undefined): number {
    const m = /^Bearer (.+)$/i.exec(authorization ?? '');
    const parts = m?.[1]?.split('.');
    if (!parts || parts.length !== 3) throw new GitHubHttpError(401, 'A JSON web token could not be decoded');
    const [h, p, s] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let payload: Record<string, unknown>;
    try {
      header = base64urlJson(h);
      payload = base64urlJson(p);
    } catch {
      throw new GitHubHttpError(401, 'A JSON web token could not be decoded');
    }
    const issuer = Number(payload['iss']);
    const publicKey = this.#publicKeys.get(issuer);
    if (publicKey === undefined) throw new GitHubHttpError(401, "'Issuer' claim ('iss') must be an Integer");
    const signed = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
    if (header['alg'] !== 'RS256' || !signed) {
      throw new GitHubHttpError(
        401,
        "'Expiration time' claim ('exp') is invalid or signature does not match",
      );
    }
    const nowS = Math.floor(this.now().getTime() / 1000);
    const iat = Number(payload['iat']);
    const exp = Number(payload['exp']);
    if (!(exp > nowS) || exp - iat > MAX_JWT_LIFETIME_S) {
      throw new GitHubHttpError(
        401,
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
      );
    }
    if (iat > nowS + 60)
      throw new GitHubHttpError(
        401,
        "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
      );
    return issuer;
  }

  issueToken(installationId: number): { token: string; expiresAt: Date } {
    const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
    const expiresAt = new Date(this.now().getTime() + INSTALLATION_TOKEN_TTL_MS);
    this.#tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt };
  }

  /** The installation of `Authorization: token <t>` (or `Bearer <t>`); throws 401 otherwise. */
  installationFor(authorization: string | undefined): number {
    const m = /^(?:token|bearer) (\S+)$/i.exec(authorization ?? '');
    const issued = m ? this.#tokens.get(m[1]!) : undefined;
    if (!issued || issued.expiresAt <= this.now()) throw new GitHubHttpError(401, 'Bad credentials');
    return issued.installationId;
  }
}
