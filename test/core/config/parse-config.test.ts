import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config/errors';
import { configJsonSchema } from '../../../lambdas/core/config/json-schema';
import { parseConfig } from '../../../lambdas/core/config/parse-config';

function issuesOf(text: string) {
  try {
    parseConfig(text, 'guardian.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('reads the example policy with its dependencies, exposure, actions and exemptions', () => {
    // Prepare
    const text = readFileSync('examples/guardian.yaml', 'utf8');

    // Act
    const config = parseConfig(text, 'examples/guardian.yaml');

    // Assess
    expect(config.dependencies.map((d) => d.name)).toEqual([
      'nginx-to-backend',
      'backend-to-cache',
      'cache-cluster',
    ]);
    expect(config.dependencies[0]).toMatchObject({
      from: { groupId: 'sg-0nginx456' },
      protocol: 'tcp',
      port: 8080,
    });
    expect(config.exposure.allowPublic[0]).toMatchObject({
      groups: { tags: { Exposure: 'public' } },
      ports: [80, 443],
    });
    expect(config.actions).toEqual({ 'dependency-broken': 'revert', 'world-exposure': 'revert' });
    expect(config.exemptions.breakGlassTag).toBe('guardian:exempt-until');
  });

  it('applies safe defaults to an empty file: no dependencies, notify only', () => {
    // Act
    const config = parseConfig('', 'guardian.yaml');

    // Assess
    expect(config.dependencies).toEqual([]);
    expect(config.actions).toEqual({ 'dependency-broken': 'notify', 'world-exposure': 'notify' });
    expect(config.exposure.reportEgress).toBe(false);
  });

  it('rejects unknown keys, naming the file, the path and the line', () => {
    // Prepare
    const text = 'dependencies: []\nactions:\n  world-exposure: revert\n  dependecy-broken: revert\n';

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toEqual([{ path: 'actions', message: 'unknown key(s) "dependecy-broken"', line: 3 }]);
  });

  it('says what was expected for a wrong type and a wrong enum value', () => {
    // Prepare
    const text = [
      'dependencies:',
      '  - name: a',
      '    from: { groupId: sg-0a }',
      '    to: { groupId: sg-0b }',
      '    port: "8080"',
      'actions: { world-exposure: delete }',
    ].join('\n');

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues.map((i) => i.path)).toEqual(['dependencies[0].port', 'actions.world-exposure']);
    expect(issues[0]?.message).toMatch(/expected number/);
    expect(issues[0]?.line).toBe(5);
    expect(issues[1]?.message).toBe('expected one of "notify" | "revert"');
  });

  it('requires exactly one way to select groups and a port for tcp', () => {
    // Prepare
    const text =
      'dependencies:\n  - name: a\n    from: { groupId: sg-0a, groupName: web }\n    to: { tags: { Role: db } }\n';

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'dependencies[0].from',
        message: 'exactly one of groupId, groupName, tags or instanceTags',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'dependencies[0].port',
        message: 'a port is required for protocol tcp',
      }),
    );
  });

  it('rejects duplicate dependency names and malformed port ranges', () => {
    // Prepare
    const text = [
      'dependencies:',
      '  - { name: a, from: { groupId: sg-0a }, to: { groupId: sg-0b }, port: 1 }',
      '  - { name: a, from: { groupId: sg-0a }, to: { groupId: sg-0b }, port: 2 }',
      'exposure: { allowPublic: [ { groups: { groupId: sg-0a }, ports: ["80-"] } ] }',
    ].join('\n');

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['dependencies[1].name', 'exposure.allowPublic[0].ports[0]']),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    // Act
    const issues = issuesOf('dependencies:\n  - name: a\n   bad: [\n');

    // Assess
    expect(issues[0]?.message).toMatch(/^YAML syntax/);
    expect(issues[0]?.line).toBeGreaterThan(1);
  });

  it('puts the file name in the error message', () => {
    // Act / Assess
    expect(() => parseConfig('actions: 3', 'conf/prod.yaml')).toThrow(/conf\/prod\.yaml.*\n.*actions/);
  });
});

describe('configJsonSchema', () => {
  it('matches the committed schema/guardian.schema.json (run `npm run schema` after changing the schema)', () => {
    // Prepare
    const committed = JSON.parse(readFileSync('schema/guardian.schema.json', 'utf8'));

    // Act
    const generated = configJsonSchema();

    // Assess
    expect(generated).toEqual(committed);
    expect(generated).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
