import { describe, expect, it } from 'vitest';
import { findInventoryEntry } from '../../src/config/find-inventory-entry.js';
import {
  DEFAULT_OPERATOR_CONFIG,
  DEFAULT_POLICY,
  parseOperatorConfig,
} from '../../src/config/operator-config.js';
import { resolvePolicy } from '../../src/config/resolve-policy.js';
import { fingerprintKey } from '../../src/detect/fingerprint.js';
import { KeyGenerator } from '../support/keygen.js';

const config = parseOperatorConfig(`
policy:
  approveTimeout: 1h
  rules:
    - match: acme
      mode: approve
    - match: acme/docs-*
      mode: dry-run
      purgeLogs: true
    - match: "*/sandbox"
      confirmTimeout: 5m
`);

describe('resolvePolicy', () => {
  it('is auto everywhere with the defaults when nothing is configured', () => {
    expect(resolvePolicy(DEFAULT_OPERATOR_CONFIG, 'acme/api')).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toEqual({
      mode: 'auto',
      approveTimeoutMs: 30 * 60_000,
      onApproveTimeout: 'contain',
      confirmTimeoutMs: 2 * 60_000,
      manualRevokeTimeoutMs: 24 * 3_600_000,
      auditMarginMs: 10 * 60_000,
      rerollAffected: false,
      purgeLogs: false,
    });
  });

  it('applies each matching rule in order, each overriding only the fields it sets', () => {
    expect(resolvePolicy(config, 'other/api')).toEqual({ ...DEFAULT_POLICY, approveTimeoutMs: 3_600_000 });
    expect(resolvePolicy(config, 'acme/api')).toMatchObject({ mode: 'approve', approveTimeoutMs: 3_600_000 });
    expect(resolvePolicy(config, 'acme/docs-site')).toMatchObject({ mode: 'dry-run', purgeLogs: true });
    expect(resolvePolicy(config, 'acme/sandbox')).toMatchObject({
      mode: 'approve',
      confirmTimeoutMs: 300_000,
    });
    expect(resolvePolicy(config, 'bob/sandbox')).toMatchObject({ mode: 'auto', confirmTimeoutMs: 300_000 });
  });

  it('matches organisations and globs case-insensitively, and an org name only its own repositories', () => {
    expect(resolvePolicy(config, 'ACME/Docs-Site').mode).toBe('dry-run');
    expect(resolvePolicy(config, 'acme-labs/api').mode).toBe('auto');
    expect(resolvePolicy(config, 'acmex/api').mode).toBe('auto');
  });
});

describe('findInventoryEntry', () => {
  const keys = new KeyGenerator(4102);
  const [a, b] = [fingerprintKey(keys.rootKey()), fingerprintKey(keys.rootKey())];
  const inventory = parseOperatorConfig(`
rootKeys:
  - name: production
    fingerprint: "${a}"
  - name: staging
    keyId: key_staging1
  - name: ci
    keyId: key_ci1
    fingerprint: "${b}"
`);

  it('finds an entry by fingerprint, then by key id', () => {
    expect(findInventoryEntry(inventory, { fingerprint: a })?.name).toBe('production');
    expect(findInventoryEntry(inventory, { keyId: 'key_staging1' })?.name).toBe('staging');
    expect(findInventoryEntry(inventory, { fingerprint: b, keyId: 'key_staging1' })?.name).toBe('ci');
    expect(findInventoryEntry(inventory, { fingerprint: 'x', keyId: 'key_ci1' })?.name).toBe('ci');
  });

  it('finds nothing for an unknown key, or when asked by nothing', () => {
    expect(findInventoryEntry(inventory, { keyId: 'key_other' })).toBeUndefined();
    expect(findInventoryEntry(inventory, {})).toBeUndefined();
    expect(findInventoryEntry(DEFAULT_OPERATOR_CONFIG, { fingerprint: a })).toBeUndefined();
  });
});
