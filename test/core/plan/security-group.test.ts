import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judgePlan } from '../../../lambdas/core/plan/judge-plan';
import { loadExamples } from '../../support/examples';
import {
  ALL_OUT,
  inlineRule,
  judged,
  NGINX_8080,
  netKinds,
  planOf,
  resourceChange,
  securityGroup,
} from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const BACKEND = { Name: 'backend', Role: 'backend' };
const backend = (ingress: Record<string, unknown>[]) =>
  securityGroup('sg-0backend123', 'backend', ingress, [ALL_OUT], BACKEND);

describe('preflight: aws_security_group (inline rules)', () => {
  it('reports an inline rule removed from before to after as the dependency it breaks, with the address', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([])),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('violation');
    expect(report.resources[0]?.ops).toEqual([
      {
        op: 'change',
        change: expect.objectContaining({
          kind: 'sg-rules-removed',
          groupId: 'sg-0backend123',
          direction: 'ingress',
        }),
      },
    ]);
    expect(report.net.findings).toMatchObject([
      {
        kind: 'dependency-broken',
        dependency: 'nginx-to-backend',
        blockedBy: ['sg-ingress'],
        addresses: ['aws_security_group.backend'],
      },
    ]);
  });

  it('expands an added inline block into one rule per peer and reports the world part as exposure', () => {
    // Prepare
    const ssh = inlineRule(
      'tcp',
      22,
      22,
      { cidr_blocks: ['0.0.0.0/0', '10.0.0.0/8'], ipv6_cidr_blocks: ['::/0'] },
    );
    const plan = planOf(
      resourceChange(
        'aws_security_group.backend',
        ['update'],
        backend([NGINX_8080]),
        backend([NGINX_8080, ssh]),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    const [op] = report.resources[0]?.ops ?? [];
    expect(op?.op === 'change' && op.change.kind === 'sg-rules-added' ? op.change.rules.map((r) => r.peer) : []).toEqual([
      { kind: 'cidr', cidr: '0.0.0.0/0' },
      { kind: 'cidr', cidr: '10.0.0.0/8' },
      { kind: 'cidr', cidr: '::/0' },
    ]);
    expect(report.net.findings).toMatchObject([
      { ruleId: 'SG-EXPOSURE-ADMIN', groupId: 'sg-0backend123', peers: ['0.0.0.0/0', '::/0'] },
    ]);
  });

  it('changes nothing when only a description differs', () => {
    // Prepare
    const renamed = { ...NGINX_8080, description: 'reverse proxy' };
    const plan = planOf(
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([renamed])),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([]);
    expect(report.verdict).toBe('ok');
  });

  it('treats self = true as a rule whose peer is the group itself', () => {
    // Prepare
    const self = inlineRule('tcp', 6379, 6379, { self: true }, 'cluster peers');
    const app = inlineRule('tcp', 6379, 6379, { security_groups: ['sg-0backend123'] }, 'app to redis');
    const cache = (ingress: Record<string, unknown>[]) =>
      securityGroup('sg-0cache321', 'cache', ingress, [ALL_OUT]);
    const plan = planOf(
      resourceChange('aws_security_group.cache', ['update'], cache([self, app]), cache([app])),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(netKinds(report)).toEqual(['dependency-broken:cache-cluster']);
  });

  it('adds a new group under its address and judges its own rules', () => {
    // Prepare
    const after = securityGroup(
      null,
      'debug',
      [inlineRule('tcp', 5432, 5432, { cidr_blocks: ['0.0.0.0/0'] })],
      [ALL_OUT],
    );
    const plan = planOf(
      resourceChange('aws_security_group.debug', ['create'], null, after, { id: true, arn: true }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops[0]).toMatchObject({
      op: 'create-group',
      group: { groupId: 'aws_security_group.debug', groupName: 'debug' },
    });
    expect(report.net.findings).toMatchObject([
      { ruleId: 'SG-EXPOSURE-DATABASE', groupId: 'aws_security_group.debug' },
    ]);
    expect(report.resources[0]?.notes[0]).toContain('judged as aws_security_group.debug');
  });

  it('reads a new group whose rule sets are known only after apply as having no inline rules, and says so', () => {
    // Prepare
    const after = securityGroup(null, 'empty', null, null);
    const plan = planOf(
      resourceChange(
        'aws_security_group.empty',
        ['create'],
        null,
        after,
        { id: true, ingress: true, egress: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('ok');
    expect(report.resources[0]?.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ingress: known only after apply, read as no inline rules/),
      ]),
    );
  });

  it('cannot judge an inline block whose peer group is known only after apply, and still judges the rest', () => {
    // Prepare
    const fromNew = inlineRule('tcp', 9000, 9000, { security_groups: [] });
    const plan = planOf(
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([fromNew]), {
        ingress: [{ security_groups: true }],
      }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toEqual([
      {
        address: 'aws_security_group.backend',
        attribute: 'ingress[0]',
        reason: 'ingress[0] has values known only after apply',
      },
    ]);
    expect(netKinds(report)).toEqual(['dependency-broken:nginx-to-backend']);
  });

  it('cannot judge an update whose whole rule set is known only after apply', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_security_group.backend',
        ['update'],
        backend([NGINX_8080]),
        backend([]),
        { ingress: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge.map((c) => c.attribute)).toEqual(['ingress']);
  });

  it('deletes a whole group: the ENIs that carried it lose it, the dependencies through it break', () => {
    // Prepare
    const cache = securityGroup(
      'sg-0cache321',
      'cache',
      [inlineRule('tcp', 6379, 6379, { self: true })],
      [ALL_OUT],
    );
    const plan = planOf(resourceChange('aws_security_group.cache', ['delete'], cache, null));

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([{ op: 'delete-group', groupId: 'sg-0cache321' }]);
    expect(netKinds(report)).toEqual([
      'dependency-broken:backend-to-cache',
      'dependency-broken:cache-cluster',
    ]);
    expect(report.resources[0]?.notes[0]).toMatch(
      /still attached to eni-0cache1a, eni-0cache2a.*AWS refuses/,
    );
  });

  it('replaces a group (delete, then create): the old id goes away, the new group is judged under its address', () => {
    // Prepare
    const after = securityGroup(null, 'backend-v2', [NGINX_8080], [ALL_OUT], BACKEND);
    const plan = planOf(
      resourceChange(
        'aws_security_group.backend',
        ['delete', 'create'],
        backend([NGINX_8080]),
        after,
        { id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops.map((o) => o.op)).toEqual(['delete-group', 'create-group']);
    expect(report.net.findings.map((f) => f.dependency)).toContain('nginx-to-backend');
  });

  it('applies create_before_destroy replacements in that order', () => {
    // Prepare
    const after = securityGroup(null, 'backend-v2', [], [ALL_OUT], BACKEND);
    const plan = planOf(
      resourceChange('aws_security_group.backend', ['create', 'delete'], backend([]), after, { id: true }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops.map((o) => o.op)).toEqual(['create-group', 'delete-group']);
  });

  it('fails with the JSON path of an inline port that is not a number', () => {
    // Prepare
    const bad = { ...NGINX_8080, from_port: '8080x' };
    const plan = planOf(
      resourceChange('aws_security_group.backend', ['update'], backend([NGINX_8080]), backend([bad])),
    );

    // Act
    const result = judgePlanResult(plan);

    // Assess
    expect(result).toEqual({
      ok: false,
      issue: {
        path: '$.resource_changes[0].change.after.ingress[0].from_port',
        reason: 'expected a number, got "8080x"',
      },
    });
  });
});

function judgePlanResult(plan: unknown) {
  return judgePlan({ plan, model, config });
}
