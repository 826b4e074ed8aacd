import { describe, expect, it } from 'vitest';
import { fingerprintKey } from '../../../src/detect/fingerprint.js';
import { occurrenceIdFor } from '../../../src/incidents/occurrence-id.js';
import {
  secretScanningAlertSource,
  type AlertLocation,
} from '../../../src/sources/occurrences/secret-alert.js';
import { REPO } from '../../emulators/github/emulator-fixture.js';
import { KeyGenerator } from '../../support/keygen.js';
import { githubEmulator, markMask, readAgainContext, revealedKey } from './occurrence-fixtures.js';

const alert: AlertLocation = { kind: 'secret-scanning-alert', repo: 'acme/api', alertNumber: 3 };
const withUrl: AlertLocation = { ...alert, url: 'https://github.com/acme/api/security/secret-scanning/3' };
const keys = new KeyGenerator(4313);

describe('secretScanningAlertSource', () => {
  it('keeps the ids stored before the kinds had modules (the url does not change the alert)', () => {
    expect(occurrenceIdFor(alert)).toBe('occ_S7gI2CGa9MFbe6KFOJRp6R');
    expect(occurrenceIdFor(withUrl)).toBe('occ_S7gI2CGa9MFbe6KFOJRp6R');
  });

  it('describes the alert by number, as a link when its page is known', () => {
    expect(secretScanningAlertSource.describe(alert)).toEqual(['secret scanning alert #3']);
    expect(secretScanningAlertSource.describe(withUrl)).toEqual([
      { label: 'secret scanning alert #3', url: withUrl.url },
    ]);
    expect(secretScanningAlertSource.summary(alert)).toBe('GitHub secret scanning alert #3');
    expect(secretScanningAlertSource.describeByIds(alert)).toBe('secret scanning alert 3 in acme/api');
  });

  it("links the alert's own page, or its page under the web base", () => {
    const options = { githubUrl: 'https://ghe.example.com/', mask: markMask };
    expect(secretScanningAlertSource.link(alert, options)).toEqual({
      text: '<acme/api secret scanning alert #3>',
      url: '<https://ghe.example.com/acme/api/security/secret-scanning/3>',
    });
    expect(secretScanningAlertSource.link(withUrl, options).url).toBe(`<${withUrl.url}>`);
  });

  it('has no clean-up advice and nothing to purge: the places it reports are occurrences of their own', () => {
    expect('cleanUpAdvice' in secretScanningAlertSource).toBe(false);
    expect('runLogs' in secretScanningAlertSource).toBe(false);
  });

  describe('readAgain', () => {
    const emulator = githubEmulator();

    it("finds the key in the alert's secret", async () => {
      const fixture = emulator();
      const key = keys.rootKeyV1();
      fixture.emulator.addSecretScanningAlert(REPO, {
        number: 41,
        secretType: 'unkey_root_key',
        secret: key,
        locations: [],
      });
      const at: AlertLocation = { kind: 'secret-scanning-alert', repo: REPO, alertNumber: 41 };
      const found = await secretScanningAlertSource.readAgain(
        at,
        readAgainContext(fixture, fingerprintKey(key)),
      );
      expect(revealedKey(found)).toBe(key);
    });
  });
});
