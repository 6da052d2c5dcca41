import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { loadExamples } from '../../support/examples';
import { judged, netKinds, planOf, resourceChange } from './plan-builders';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

const attachment = (eniId: string, groupId: string | null) => ({
  id: groupId ? `${groupId}_${eniId}` : null,
  network_interface_id: eniId,
  security_group_id: groupId,
  timeouts: null,
});

describe('preflight: aws_network_interface_sg_attachment', () => {
  it('reports a detached group as the dependency it breaks on that ENI', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface_sg_attachment.app',
        ['delete'],
        attachment('eni-0backend2b', 'sg-0backend123'),
        null,
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([
      { op: 'detach-group', eniId: 'eni-0backend2b', groupId: 'sg-0backend123' },
    ]);
    expect(netKinds(report)).toEqual([
      'dependency-broken:nginx-to-backend',
      'dependency-broken:backend-to-cache',
    ]);
  });

  it('attaches a known group (an addition breaks nothing)', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface_sg_attachment.legacy',
        ['create'],
        null,
        attachment('eni-0backend2b', 'sg-0legacy789'),
        { id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.resources[0]?.ops).toEqual([
      { op: 'attach-group', eniId: 'eni-0backend2b', groupId: 'sg-0legacy789' },
    ]);
    expect(report.verdict).toBe('ok');
  });

  it('cannot judge the attachment of a group created in the same plan', () => {
    // Prepare
    const plan = planOf(
      resourceChange(
        'aws_network_interface_sg_attachment.bastion',
        ['create'],
        null,
        attachment('eni-0backend1a', null),
        { id: true, security_group_id: true },
      ),
    );

    // Act
    const report = judged(plan, model, config);

    // Assess
    expect(report.verdict).toBe('cannot-judge');
    expect(report.cannotJudge).toEqual([
      {
        address: 'aws_network_interface_sg_attachment.bastion',
        attribute: 'security_group_id',
        reason: 'security_group_id is known only after apply',
      },
    ]);
  });
});
