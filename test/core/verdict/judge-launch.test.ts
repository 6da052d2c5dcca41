import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import { phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { greenLaunch, NOW, parsed, phantomConfig } from './workload-events';

describe('judge: the Phantom Block (RunInstances with a stale group on device 1)', () => {
  it('reports the new secondary ENIs unreachable from the ALB, notifies, and offers the group list fix', () => {
    // Prepare
    const model = phantomBlockModel();
    const change = greenLaunch(2);

    // Act
    const v = judge({ event: parsed(change), model, config: phantomConfig({ revert: true }), now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    expect(v.findings).toHaveLength(1);
    const finding = v.findings[0]!;
    expect(finding).toMatchObject({ kind: 'dependency-broken', dependency: 'alb-to-web', blockedBy: ['sg-ingress'] });
    expect(finding.pairs?.map((p) => p.destinationEniId).sort()).toEqual(['eni-0green1b', 'eni-0green2b']);
    const cli = finding.fixes?.map((f) => f.awsCli) ?? [];
    expect(cli).toContain(`aws ec2 modify-network-interface-attribute --network-interface-id eni-0green1b --groups ${STALE} ${WEB}`);
    expect(cli).toContain(`aws ec2 modify-network-interface-attribute --network-interface-id eni-0green2b --groups ${STALE} ${WEB}`);
    expect(v.revert).toMatchObject({ status: 'none', steps: [] });
    expect(v.revert.reason).toContain('a launch is never undone');
    expect(v.action).toBe('notify');
    expect(v.actionReason).toContain('a launch is never undone');
  });

  it('gives the same verdict against the snapshot taken after the launch', () => {
    // Prepare
    const before = phantomBlockModel();
    const change = greenLaunch(2);
    const after = applyChange(before, change).model;
    const config = phantomConfig();

    // Act
    const fromBefore = judge({ event: parsed(change), model: before, config, now: NOW });
    const fromAfter = judge({ event: parsed(change), model: after, config, now: NOW });

    // Assess
    expect(fromBefore.snapshotPosition).toBe('before');
    expect(fromAfter.snapshotPosition).toBe('after');
    expect(fromAfter.findings.map((f) => f.id)).toEqual(fromBefore.findings.map((f) => f.id));
    expect(fromAfter.verdict).toBe('violation');
  });

  it('is ok when the launched instances carry the right group on every ENI', () => {
    // Prepare
    const change = greenLaunch(2);
    const healthy = {
      ...change,
      instances: change.instances.map((i) => ({
        ...i,
        networkInterfaces: i.networkInterfaces.map((e) => ({ ...e, groupIds: [WEB] })),
      })),
    };

    // Act
    const v = judge({ event: parsed(healthy), model: phantomBlockModel(), config: phantomConfig(), now: NOW });

    // Assess
    expect(v.verdict).toBe('ok');
    expect(v.action).toBe('none');
  });
});
