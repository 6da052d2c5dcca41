import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/errors';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { parseConfigJson, toPolicyJson } from '../../../lambdas/core/config/validate-config';
import { ORGANIZATION_CONFIG } from '../../lib/guardian-fixture';

describe('the JSON policy bundled with the handlers', () => {
  it.each([
    ['the example policy', readFileSync('examples/guardian.yaml', 'utf8')],
    ['a policy using every deployment key', ORGANIZATION_CONFIG],
    ['a minimal policy (defaults only)', 'dependencies: []\n'],
  ])('validates %s to the same policy as the YAML it came from', (_name, yaml) => {
    // Prepare
    const fromYaml = parseConfig(yaml, 'guardian.yaml');

    // Act
    const fromJson = parseConfigJson(toPolicyJson(fromYaml), 'guardian.json');

    // Assess
    expect(fromJson).toEqual(fromYaml);
  });

  it('names the file and the JSON syntax error', () => {
    // Act
    const act = () => parseConfigJson('{"dependencies": [', '/var/task/guardian.json');

    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/\/var\/task\/guardian\.json: invalid configuration[\s\S]*JSON syntax/);
  });

  it('names the file and the path of a bad field, as for YAML', () => {
    // Act
    const act = () => parseConfigJson('{"dependencies": [{"name": "x", "port": 80}]}', 'guardian.json');

    // Assess
    expect(act).toThrow(/guardian\.json[\s\S]*dependencies\[0\]\.from/);
  });
});
