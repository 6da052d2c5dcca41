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

const dependency = (to: string) =>
  `dependencies:\n  - name: alb-to-web\n    from: { groupName: alb }\n    to: ${to}\n    port: 443\n`;

describe('endpoint selectors by instance tags', () => {
  it.each([
    ['without a device index', '{ instanceTags: { Role: web } }', { instanceTags: { Role: 'web' } }],
    ['with one device index', '{ instanceTags: { Role: web }, deviceIndex: 1 }', { deviceIndex: 1 }],
    ['with a list of device indexes', '{ instanceTags: { Role: web }, deviceIndex: [0, 1] }', { deviceIndex: [0, 1] }],
    ['narrowed to a VPC', '{ instanceTags: { Role: web }, vpcId: vpc-0abc }', { vpcId: 'vpc-0abc' }],
  ])('reads a destination selected by instance tags %s', (_name, to, expected) => {
    // Act
    const config = parseConfig(dependency(to), 'guardian.yaml');

    // Assess
    expect(config.dependencies[0]?.to).toMatchObject(expected);
  });

  it('accepts instanceTags in an allowPublic entry', () => {
    // Prepare
    const text = 'exposure:\n  allowPublic:\n    - groups: { instanceTags: { Role: edge }, deviceIndex: 0 }\n      ports: [443]\n';

    // Act
    const config = parseConfig(text, 'guardian.yaml');

    // Assess
    expect(config.exposure.allowPublic[0]?.groups).toEqual({ instanceTags: { Role: 'edge' }, deviceIndex: 0 });
  });

  it('rejects deviceIndex without instanceTags, naming the path and the line', () => {
    // Prepare
    const text = dependency('\n      groupName: web\n      deviceIndex: 1');

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toEqual([
      {
        path: 'dependencies[0].to.deviceIndex',
        line: 6,
        message: 'deviceIndex narrows an instanceTags selector: add instanceTags or remove deviceIndex',
      },
    ]);
  });

  it('rejects instanceTags combined with another way to select', () => {
    // Act
    const issues = issuesOf(dependency('{ instanceTags: { Role: web }, groupId: sg-0web }'));

    // Assess
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'dependencies[0].to',
        message: 'exactly one of groupId, groupName, tags or instanceTags',
      }),
    ]);
  });

  it.each([
    ['empty instance tags', '{ instanceTags: {} }', 'dependencies[0].to.instanceTags', /at least one tag/],
    ['a device index given as text', '{ instanceTags: { Role: web }, deviceIndex: "1" }', 'dependencies[0].to.deviceIndex', /a device index \(0 = primary ENI\) or a list/],
    ['an empty device index list', '{ instanceTags: { Role: web }, deviceIndex: [] }', 'dependencies[0].to.deviceIndex', /device index/],
    ['a fractional device index', '{ instanceTags: { Role: web }, deviceIndex: 1.5 }', 'dependencies[0].to.deviceIndex', /./],
  ])('rejects %s with the path of the field', (_name, to, path, message) => {
    // Act
    const issues = issuesOf(dependency(to));

    // Assess
    expect(issues).toContainEqual(expect.objectContaining({ path, line: 4, message: expect.stringMatching(message) }));
  });

  it('tells editors the same rules through the JSON Schema', () => {
    // Act
    const schema = configJsonSchema() as {
      properties: { dependencies: { items: { properties: { to: Record<string, unknown> } } } };
    };

    // Assess
    const to = schema.properties.dependencies.items.properties.to;
    expect(to.oneOf).toEqual([
      { required: ['groupId'] },
      { required: ['groupName'] },
      { required: ['tags'] },
      { required: ['instanceTags'] },
    ]);
    expect(to.dependentRequired).toEqual({ deviceIndex: ['instanceTags'] });
    expect(to.properties).toHaveProperty('instanceTags.minProperties', 1);
  });
});
