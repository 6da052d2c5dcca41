import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { loadExamples } from '../../support/examples';
import { eni, judged, netKinds, planOf, resourceChange } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

describe('preflight: aws_network_interface security_groups', () => {
  it('reports a stale group put on the secondary ENI as broken for that ENI only', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface.app',
        ['update'],
        eni(),
        eni({ security_groups: ['sg-0legacy789'] }),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(netKinds(report)).toEqual([
      'dependency-broken:nginx-to-backend',
      'dependency-broken:backend-to-cache',
    ]);
    const pairs = report.net.findings.flatMap((f) => f.pairs ?? []);
    expect(new Set(pairs.flatMap((p) => [p.sourceEniId, p.destinationEniId]))).toContain('eni-0backend2b');
    expect(
      pairs.every((p) => p.sourceEniId === 'eni-0backend2b' || p.destinationEniId === 'eni-0backend2b'),
    ).toBe(true);
  });

  it('changes nothing when the groups stay the same', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_network_interface.app', ['update'], eni(), eni({ description: 'renamed' })),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([]);
    expect(report.verdict).toBe('ok');
  });

  it('cannot judge groups known only after apply', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface.app',
        ['update'],
        eni(),
        eni({ security_groups: null }),
        { security_groups: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge).toMatchObject([{ attribute: 'security_groups' }]);
  });

  it('notes a new interface without judging it (it is not in the snapshot and carries no traffic yet)', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_network_interface.extra', ['create'], null, eni({ id: null }), { id: true }),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('ok');
    expect(report.resources[0]?.notes[0]).toContain('a new network interface is not in the snapshot');
  });

  it('cannot judge groups of an interface the snapshot does not have', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface.gone',
        ['update'],
        eni({ id: 'eni-0missing' }),
        eni({ id: 'eni-0missing', security_groups: ['sg-0legacy789'] }),
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.cannotJudge).toEqual([
      {
        address: 'aws_network_interface.gone',
        reason: 'network interface eni-0missing is not in the snapshot',
      },
    ]);
  });
});
