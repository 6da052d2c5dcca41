import { describe, expect, it } from 'vitest';
import { CONFIG, run, SNAPSHOT } from './run';

const INLINE_PLAN = ['--plan', 'examples/plans/01-revoke-8080-from-nginx.json']; // aws_security_group.backend writes its rules inline
const RESOURCE_PLAN = ['--plan', 'examples/plans/06-self-reference-removed.json']; // aws_security_group_rule.cache_peers

const INLINE_BLOCK = [
  '# add to resource aws_security_group.backend (sg-0backend123): the plan writes its rules inline, and a separate rule resource would fight them on every apply',
  'ingress {',
  '  description     = "nginx-to-backend"',
  '  protocol        = "tcp"',
  '  from_port       = 8080',
  '  to_port         = 8080',
  '  security_groups = ["sg-0nginx456"]',
  '}',
].join('\n');

const preflight = (plan: string[], ...format: string[]) => run('preflight', ...plan, ...SNAPSHOT, ...CONFIG, ...format);

describe('sg-guardian preflight fixes in the plan’s own style', () => {
  it('suggests an inline ingress block in text, JSON, SARIF and GitHub output when the plan writes the group’s rules inline', async () => {
    // Act
    const [text, json, sarif, github] = await Promise.all([
      preflight(INLINE_PLAN),
      preflight(INLINE_PLAN, '--json'),
      preflight(INLINE_PLAN, '--format', 'sarif'),
      preflight(INLINE_PLAN, '--format', 'github'),
    ]);

    // Assess
    expect(text.out).toContain(INLINE_BLOCK.split('\n').map((l) => `         ${l}`).join('\n'));
    expect(text.out).not.toContain('aws_vpc_security_group_ingress_rule');
    expect(JSON.parse(json.out).net.findings[0].fixes).toEqual([INLINE_BLOCK]);
    const [result] = JSON.parse(sarif.out).runs[0].results;
    expect(result.properties.fixes).toEqual([
      expect.objectContaining({ layer: 'sg-ingress', terraform: INLINE_BLOCK }),
    ]);
    expect(result.message.text).toContain(INLINE_BLOCK);
    expect(github.out).toContain(INLINE_BLOCK.replace(/\n/g, '%0A'));
  });

  it('keeps the rule-resource style when the plan manages the group’s rules as separate resources', async () => {
    // Act
    const [text, json, sarif, github] = await Promise.all([
      preflight(RESOURCE_PLAN),
      preflight(RESOURCE_PLAN, '--json'),
      preflight(RESOURCE_PLAN, '--format', 'sarif'),
      preflight(RESOURCE_PLAN, '--format', 'github'),
    ]);

    // Assess
    const head = 'resource "aws_vpc_security_group_ingress_rule" "cache-cluster_sg-0cache321_from_sg-0cache321" {';
    expect(text.out).toContain(head);
    expect(text.out).not.toContain('ingress {');
    expect(JSON.parse(json.out).net.findings[0].fixes[0]).toMatch(new RegExp(`^${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(JSON.parse(sarif.out).runs[0].results[0].properties.fixes[0].terraform).toContain(head);
    expect(github.out).toContain(head);
  });
});
