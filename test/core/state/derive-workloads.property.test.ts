import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Change, LaunchedInstance } from '../../../lambdas/core/events/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { judge } from '../../../lambdas/core/verdict/judge';
import { launchTemplate, templateVersion } from '../../support/workloads';
import { eni, group, ingress, prefixListPeer } from '../support/builders';
import { FakeModel } from '../support/fake-model';
import { ALB, phantomBlockModel, STALE, WEB } from '../support/phantom-block';
import { NOW, parsed } from '../verdict/workload-events';

const CONFIG = parseConfig(
  [
    'dependencies:',
    '  - { name: alb-to-web, from: { groupName: alb }, to: { instanceTags: { Role: web } }, port: 443 }',
    '  - { name: alb-to-web-1, from: { groupName: alb }, to: { instanceTags: { Role: web }, deviceIndex: 1 }, port: 8443 }',
    '  - { name: alb-to-web-group, from: { groupName: alb }, to: { groupName: web }, port: 443 }',
  ].join('\n'),
  'guardian.yaml',
);

const groupsArb = fc.subarray([WEB, STALE, ALB], { minLength: 1 });

/** The Phantom Block account, a free ENI, a template and a prefix list an SSH rule references. */
function account(freeGroups: string[], cidrs: string[]): NetworkModel {
  const base = phantomBlockModel();
  return new FakeModel({
    groups: [
      ...base.groups(),
      group('sg-0ssh', { name: 'ssh', rules: [ingress('tcp', 22, 22, prefixListPeer('pl-0office'))] }),
    ],
    enis: [
      ...base.enis(),
      eni('eni-0free', { subnetId: 'subnet-app', ip: '10.0.1.90', groupIds: freeGroups }),
      eni('eni-0ssh', { subnetId: 'subnet-app', ip: '10.0.1.91', groupIds: ['sg-0ssh'] }),
    ],
    nacls: [...base.nacls()],
    instances: [...base.instances()],
    prefixLists: [{ prefixListId: 'pl-0office', cidrs }],
    launchTemplates: [launchTemplate('lt-0abc', 6)],
    launchTemplateVersions: [
      templateVersion('lt-0abc', 6, [[WEB], [WEB]], { isDefault: true, instanceTags: { Role: 'web' } }),
    ],
  });
}

const launchArb: fc.Arbitrary<Change> = fc
  .array(fc.record({ role: fc.constantFrom('web', 'db'), primary: groupsArb, secondary: fc.option(groupsArb) }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((specs) => ({
    kind: 'instances-launched',
    instances: specs.map((s, n): LaunchedInstance => {
      const id = `i-0new${n}`;
      const nic = (d: number, groupIds: string[]) =>
        eni(`eni-0new${n}${d}`, { subnetId: 'subnet-app', ip: `10.0.2.${10 * n + d}`, groupIds, instanceId: id, deviceIndex: d });
      return {
        instanceId: id,
        tags: { Role: s.role },
        networkInterfaces: [nic(0, s.primary), ...(s.secondary ? [nic(1, s.secondary)] : [])],
      };
    }),
  }));

const attachArb: fc.Arbitrary<Change> = fc
  .record({ instanceId: fc.constantFrom('i-0web1', 'i-0web2', 'i-0db'), deviceIndex: fc.constantFrom(1, 2) })
  .map(({ instanceId, deviceIndex }) => ({
    kind: 'eni-attached',
    eniId: 'eni-0free',
    instanceId,
    deviceIndex,
    attachmentId: 'eni-attach-0free',
  }));

const CIDRS = ['203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '1.0.0.0/8'];

const templateArb: fc.Arbitrary<Change> = fc
  .record({ primary: groupsArb, secondary: groupsArb })
  .map(({ primary, secondary }) => ({
    kind: 'launch-template-version-created',
    version: templateVersion('lt-0abc', 7, [primary, secondary], { instanceTags: { Role: 'web' } }),
    templateCreated: false,
  }));

const scenarioArb = fc
  .record({ freeGroups: groupsArb, cidrs: fc.subarray(CIDRS) })
  .chain(({ freeGroups, cidrs }) => {
    const model = account(freeGroups, cidrs);
    const prefixArb: fc.Arbitrary<Change> = fc
      .record({ add: fc.subarray(CIDRS.filter((c) => !cidrs.includes(c))), remove: fc.subarray(cidrs) })
      .filter(({ add, remove }) => add.length + remove.length > 0)
      .map(({ add, remove }) => ({ kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: add, removed: remove }));
    return fc.record({
      model: fc.constant(model),
      change: fc.oneof(launchArb, attachArb, templateArb, ...(CIDRS.length > cidrs.length || cidrs.length ? [prefixArb] : [])),
    });
  });

describe('judge on workload changes (property)', () => {
  it('gives the same verdict and findings from the snapshot taken before or after the change', () => {
    fc.assert(
      fc.property(scenarioArb, ({ model, change }) => {
        // Prepare
        const after = applyChange(model, change);
        fc.pre(after.effective);

        // Act
        const fromBefore = judge({ event: parsed(change), model, config: CONFIG, now: NOW });
        const fromAfter = judge({ event: parsed(change), model: after.model, config: CONFIG, now: NOW });

        // Assess
        expect(fromBefore.snapshotPosition).toBe('before');
        expect(fromAfter.snapshotPosition).toBe('after');
        expect(fromAfter.verdict).toBe(fromBefore.verdict);
        expect(fromAfter.action).toBe(fromBefore.action);
        expect(fromAfter.findings.map((f) => f.id).sort()).toEqual(fromBefore.findings.map((f) => f.id).sort());
      }),
      { numRuns: 80 },
    );
  });
});
