import { describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import type { Instance } from '../../../lambdas/core/model/types';
import { diffDependency } from '../../../lambdas/core/verdict/dependency-diff';
import { DependencyIndex } from '../../../lambdas/core/verdict/dependency-index';
import type { Touched } from '../../../lambdas/core/verdict/dependency-lookup';
import { eni } from '../support/builders';
import { albToWeb, phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const NOTHING: Touched = { groupIds: [], eniIds: [], subnetIds: [] };

function config(): GuardianConfig {
  return parseConfig(
    [
      'dependencies:',
      '  - { name: alb-to-web, from: { groupName: alb }, to: { instanceTags: { Role: web } }, port: 443 }',
      '  - { name: web-to-db, from: { instanceTags: { Role: web }, deviceIndex: 0 }, to: { instanceTags: { Role: db } }, port: 5432 }',
      '  - { name: alb-to-web-group, from: { groupName: alb }, to: { groupName: web }, port: 443 }',
    ].join('\n'),
    'guardian.yaml',
  );
}

const names = (deps: readonly { name: string }[]) => deps.map((d) => d.name);

/** The green fleet: a third web instance launched with the stale group on device 1. */
function launched() {
  const before = phantomBlockModel();
  const instance: Instance = {
    instanceId: 'i-0web3',
    state: 'pending',
    tags: { Role: 'web' },
    vpcId: 'vpc-1',
    networkInterfaces: [
      { eniId: 'eni-0web3a', deviceIndex: 0 },
      { eniId: 'eni-0web3b', deviceIndex: 1 },
    ],
  };
  const after = before.with({
    instances: [...before.instances(), instance],
    enis: [
      ...before.enis(),
      eni('eni-0web3a', { subnetId: 'subnet-app', ip: '10.0.1.51', groupIds: [WEB], instanceId: 'i-0web3', deviceIndex: 0 }),
      eni('eni-0web3b', { subnetId: 'subnet-app', ip: '10.0.1.52', groupIds: [STALE], instanceId: 'i-0web3', deviceIndex: 1 }),
    ],
  });
  const touched: Touched = { ...NOTHING, eniIds: ['eni-0web3a', 'eni-0web3b'], instanceIds: ['i-0web3'] };
  return { before, after, touched };
}

describe('the dependency index with instance-tag selectors', () => {
  it('indexes the selected ENIs, their groups and subnets', () => {
    // Prepare
    const index = new DependencyIndex(phantomBlockModel(), config());

    // Act
    const byStale = index.affectedBy({ ...NOTHING, groupIds: [STALE] });
    const bySubnet = index.affectedBy({ ...NOTHING, subnetIds: ['subnet-app'] });

    // Assess
    expect(names(byStale)).toEqual(['alb-to-web']);
    expect(names(bySubnet)).toEqual(['alb-to-web', 'web-to-db', 'alb-to-web-group']);
  });

  it('answers a touched ENI through the tags of its instance', () => {
    // Prepare
    const index = new DependencyIndex(phantomBlockModel(), config());

    // Act
    const dbEni = index.affectedBy({ ...NOTHING, eniIds: ['eni-0db'] });
    const stoppedWebEni = index.affectedBy({ ...NOTHING, eniIds: ['eni-0webold'] });

    // Assess (eni-0db also carries the web group, which alb-to-web-group selects)
    expect(names(dbEni)).toEqual(['web-to-db', 'alb-to-web-group']);
    // a stopped instance is in no selection, but its tags match: starting it would put it in
    expect(names(stoppedWebEni)).toEqual(['alb-to-web', 'web-to-db', 'alb-to-web-group']);
  });

  it('hits every instance-tag dependency for a touched instance or an ENI it does not know', () => {
    // Prepare
    const index = new DependencyIndex(phantomBlockModel(), config());

    // Act
    const byInstance = index.affectedBy({ ...NOTHING, instanceIds: ['i-0db'] });
    const byNewEni = index.affectedBy({ ...NOTHING, eniIds: ['eni-0new'] });
    const byGroupOnly = index.affectedBy({ ...NOTHING, groupIds: ['sg-0unrelated'] });

    // Assess
    expect(names(byInstance)).toEqual(['alb-to-web', 'web-to-db']);
    expect(names(byNewEni)).toEqual(['alb-to-web', 'web-to-db']);
    expect(byGroupOnly).toEqual([]);
  });

  it('hits instance-tag dependencies for any change when the model has no instances', () => {
    // Prepare
    const index = new DependencyIndex(phantomBlockModel({ instances: false }), config());

    // Act
    const hit = index.affectedBy({ ...NOTHING, groupIds: ['sg-0unrelated'] });
    const none = index.affectedBy(NOTHING);

    // Assess
    expect(names(hit)).toEqual(['alb-to-web', 'web-to-db']);
    expect(none).toEqual([]);
  });
});

describe('diffDependency with instance-tag selectors', () => {
  it('reports a launch whose secondary ENI carries a stale group as broken on device 1 only', () => {
    // Prepare
    const { before, after, touched } = launched();

    // Act
    const diff = diffDependency(albToWeb, before, after, touched);

    // Assess
    expect(diff.preexisting).toEqual([]);
    expect(diff.broken).toHaveLength(1);
    const finding = diff.broken[0]!;
    expect(finding.blockedBy).toEqual(['sg-ingress']);
    expect(finding.pairs?.map((p) => p.destinationEniId)).toEqual(['eni-0web3b']);
    expect(finding.fixes?.map((f) => f.awsCli)).toContain(
      `aws ec2 modify-network-interface-attribute --network-interface-id eni-0web3b --groups ${STALE} ${WEB}`,
    );
  });

  it('judges only the touched pairs: the blocked ENIs of the instances already running are preexisting elsewhere', () => {
    // Prepare
    const { before, after, touched } = launched();

    // Act
    const diff = diffDependency(albToWeb, before, after, touched);

    // Assess
    const judged = diff.broken.flatMap((f) => f.pairs ?? []).map((p) => p.destinationEniId);
    expect(judged).not.toContain('eni-0web1b');
  });

  it('reports an instance retagged into the selection, named only by id, whose ENI the ALB cannot reach', () => {
    // Prepare
    const before = phantomBlockModel();
    const instances = [...before.instances()].map((i) =>
      i.instanceId === 'i-0db' ? { ...i, tags: { Role: 'web' } } : i,
    );
    const after = before.with({ instances });

    // Act
    const diff = diffDependency({ ...albToWeb, port: 8443 }, before, after, { ...NOTHING, instanceIds: ['i-0db'] });

    // Assess: eni-0db joined the dependency blocked, so the change broke it (it was in no pair before)
    expect(diff.preexisting).toEqual([]);
    expect(diff.broken.flatMap((f) => f.pairs ?? []).map((p) => p.destinationEniId)).toEqual(['eni-0db']);
  });

  it('keeps a pair that was the dependency’s and already blocked as preexisting', () => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const diff = diffDependency(albToWeb, model, model, { ...NOTHING, eniIds: ['eni-0web1b'] });

    // Assess
    expect(diff.broken).toEqual([]);
    expect(diff.preexisting.flatMap((f) => f.pairs ?? []).map((p) => p.destinationEniId)).toEqual(['eni-0web1b']);
  });

  it('says the dependency is not evaluated, and finds nothing, when the states have no instances', () => {
    // Prepare
    const model = phantomBlockModel({ instances: false });

    // Act
    const diff = diffDependency(albToWeb, model, model, { ...NOTHING, groupIds: [STALE] });

    // Assess
    expect(diff.broken).toEqual([]);
    expect(diff.notEvaluated).toEqual([
      'alb-to-web: instanceTags {Role=web} is not evaluated: instances are not loaded (no describe-instances.json)',
    ]);
  });
});
