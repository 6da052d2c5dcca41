import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundledConfig } from '../../../lambdas/adapters/files/bundled-config';
import { ConfigError } from '../../../lambdas/core/config/errors';
import { writeBundledPolicy } from '../../support/policy';

describe('readBundledConfig', () => {
  it('reads the guardian.json written at synth', () => {
    // Prepare
    const path = writeBundledPolicy();

    // Act
    const config = readBundledConfig(path);

    // Assess
    expect(config.dependencies.length).toBeGreaterThan(0);
  });

  it('refuses a YAML policy, saying the functions read JSON', () => {
    // Act
    const act = () => readBundledConfig('examples/guardian.yaml');

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/examples\/guardian\.yaml[\s\S]*JSON policy written at synth/);
  });

  it('names a missing file', () => {
    // Act
    const act = () => readBundledConfig('/no/such/guardian.json');

    // Assess
    expect(act).toThrow(/\/no\/such\/guardian\.json[\s\S]*cannot read file/);
  });

  it('names a file that is not JSON', () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-bad-')), 'guardian.json');
    writeFileSync(path, 'dependencies: []');

    // Act
    const act = () => readBundledConfig(path);

    // Assess
    expect(act).toThrow(/guardian\.json[\s\S]*JSON syntax/);
  });
});
