import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundledConfig, validatedAtSynth } from '../../../lambdas/adapters/files/bundled-config';
import { stampPathOf } from '../../../lambdas/adapters/files/policy-stamp';
import { ConfigError } from '../../../lambdas/core/config/errors';
import { parseConfigJson } from '../../../lambdas/core/config/validate-config';
import { writeBundledPolicy } from '../../support/policy';

/** Policies with defaults filled in and optional keys set. */
const POLICIES: readonly (readonly [string, string])[] = [
  ['the example policy', ''],
  [
    'approvals with a public URL set',
    '\napprovals:\n  slackUsers: [U0ALICE]\n  publicUrl: https://example.com/actions\n',
  ],
]; 

/** guardian.json with a dependency whose name breaks the schema (spaces are not allowed). */
function invalidPolicyText(path: string): string {
  return readFileSync(path, 'utf8').replace(/"name": "[^"]+"/, '"name": "not a valid name"');
}

describe('readBundledConfig', () => {
  it('reads the guardian.json written at synth', async () => {
    // Prepare
    const path = writeBundledPolicy();

    // Act
    const config = await readBundledConfig(path);

    // Assess
    expect(config.dependencies.length).toBeGreaterThan(0);
  });

  it.each(POLICIES)('reads a stamped policy (%s) as the full validation reads it', async (_name, extraYaml) => {
    // Prepare
    const path = writeBundledPolicy('examples/guardian.yaml', extraYaml);
    const text = readFileSync(path, 'utf8');

    // Act
    const trusted = await readBundledConfig(path);

    // Assess
    expect(validatedAtSynth(path, text)).toBe(true);
    expect(trusted).toStrictEqual(parseConfigJson(text, path));
  });

  it('validates a policy changed after synth: its stamp no longer matches', async () => {
    // Prepare
    const path = writeBundledPolicy();
    writeFileSync(path, invalidPolicyText(path));

    // Act
    const read = readBundledConfig(path);

    // Assess
    await expect(read).rejects.toThrow(ConfigError);
    await expect(read).rejects.toThrow(/dependencies\[0\]\.name/);
  });

  it('validates a policy without a stamp (SG_GUARDIAN_CONFIG naming another file)', async () => {
    // Prepare
    const stamped = writeBundledPolicy();
    const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-unstamped-')), 'guardian.json');
    writeFileSync(path, invalidPolicyText(stamped));

    // Act
    const read = readBundledConfig(path);

    // Assess
    await expect(read).rejects.toThrow(/dependencies\[0\]\.name/);
  });

  it('validates a policy whose stamp belongs to another policy', async () => {
    // Prepare
    const path = writeBundledPolicy();
    const other = writeBundledPolicy('examples/guardian.yaml', POLICIES[1]?.[1]);
    copyFileSync(stampPathOf(other), stampPathOf(path));
    appendFileSync(path, ' ');

    // Act
    const stamped = validatedAtSynth(path, readFileSync(path, 'utf8'));
    const config = await readBundledConfig(path);

    // Assess
    expect(stamped).toBe(false);
    expect(config.dependencies.length).toBeGreaterThan(0);
  });

  it('validates a valid policy whose stamp is gone, and reads the same policy', async () => {
    // Prepare
    const path = writeBundledPolicy();
    const trusted = await readBundledConfig(path);
    rmSync(stampPathOf(path));

    // Act
    const validated = await readBundledConfig(path);

    // Assess
    expect(validatedAtSynth(path, readFileSync(path, 'utf8'))).toBe(false);
    expect(validated).toStrictEqual(trusted);
  });

  it('refuses a YAML policy, saying the functions read JSON', async () => {
    // Act
    const read = readBundledConfig('examples/guardian.yaml');

    // Assess
    await expect(read).rejects.toThrow(ConfigError);
    await expect(read).rejects.toThrow(/examples\/guardian\.yaml[\s\S]*JSON policy written at synth/);
  });

  it('names a missing file', async () => {
    // Act
    const read = readBundledConfig('/no/such/guardian.json');

    // Assess
    await expect(read).rejects.toThrow(/\/no\/such\/guardian\.json[\s\S]*cannot read file/);
  });

  it('names a file that is not JSON', async () => {
    // Prepare
    const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-bad-')), 'guardian.json');
    writeFileSync(path, 'dependencies: []');

    // Act
    const read = readBundledConfig(path);

    // Assess
    await expect(read).rejects.toThrow(/guardian\.json[\s\S]*JSON syntax/);
  });
});
