import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadOperatorConfig } from '../../src/config/load-operator-config.js';
import { DEFAULT_OPERATOR_CONFIG } from '../../src/config/operator-config.js';

const PATH = '/etc/rootguard/operator.yml';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadOperatorConfig', () => {
  it('gives the defaults when ROOTGUARD_CONFIG is unset or empty, without reading anything', () => {
    const readFile = () => {
      throw new Error('must not read');
    };
    expect(loadOperatorConfig({}, readFile)).toBe(DEFAULT_OPERATOR_CONFIG);
    expect(loadOperatorConfig({ ROOTGUARD_CONFIG: ' ' }, readFile)).toBe(DEFAULT_OPERATOR_CONFIG);
  });

  it('reads the file ROOTGUARD_CONFIG names', () => {
    const read: string[] = [];
    const config = loadOperatorConfig({ ROOTGUARD_CONFIG: ` ${PATH} ` }, (path) => {
      read.push(path);
      return 'policy:\n  mode: dry-run\n';
    });
    expect(read).toEqual([PATH]);
    expect(config.policy.mode).toBe('dry-run');
  });

  it('names the file in validation errors', () => {
    const error = errorOf(() => loadOperatorConfig({ ROOTGUARD_CONFIG: PATH }, () => 'policy: { mode: 1 }'));
    expect(error).toMatchObject({ code: 'config-invalid', field: 'ROOTGUARD_CONFIG' });
    expect(error.message).toBe(
      `In ROOTGUARD_CONFIG (${PATH}), policy.mode must be auto, approve or dry-run.`,
    );
  });

  it('says which file cannot be read, and why', () => {
    const error = errorOf(() =>
      loadOperatorConfig({ ROOTGUARD_CONFIG: PATH }, () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      }),
    );
    expect(error).toMatchObject({ code: 'config-unreadable', field: 'ROOTGUARD_CONFIG' });
    expect(error.message).toBe(
      `ROOTGUARD_CONFIG names "${PATH}", which cannot be read (ENOENT); point it at the operator config file or unset it for the defaults.`,
    );
  });
});
