import { describe, expect, it } from 'vitest';
import type { Dependency } from '../../../lambdas/core/config/schema';
import { createModel } from '../../../lambdas/core/model/indexed-model';
import { patchModel } from '../../../lambdas/core/model/patched-model';
import type { NaclEntry, NetworkModel } from '../../../lambdas/core/model/types';
import { SAME_ENI, SAME_NACL, SAME_SG, sameLayerInputs } from '../../../lambdas/core/reachability/pair-inputs';
import { diffDependency } from '../../../lambdas/core/verdict/dependency-diff';
import type { Touched } from '../../../lambdas/core/verdict/dependency-index';
import { defaultEgress, eni, group, ingress, nacl, naclEntry, sgPeer } from '../support/builders';

// diffDependency and blockedBeforeFlags keep, per (state before, state after), what every dependency of one
// change asks again (which ENIs the change touches, which layers read the same). These tests ask with
// the same objects about other states: a kept answer must never leak from one pair of states to another.

const dep: Dependency = { name: 'web-to-db', from: { groupId: 'sg-web' }, to: { groupId: 'sg-db' }, protocol: 'tcp', port: 5432 };
const open = (egress: boolean) => naclEntry({ ruleNumber: 100, egress });
const deny = (egress: boolean) => naclEntry({ ruleNumber: 50, egress, action: 'deny', cidr: '10.0.0.0/8' });

function base(): NetworkModel {
  return createModel({
    coverage: { ruleIds: false, nacls: true, prefixLists: true },
    groups: [
      group('sg-web', { rules: [defaultEgress()] }),
      group('sg-db', { rules: [ingress('tcp', 5432, 5432, sgPeer('sg-web'))] }),
    ],
    enis: [
      eni('eni-web', { subnetId: 'subnet-web', ip: '10.0.1.5', groupIds: ['sg-web'] }),
      eni('eni-db', { subnetId: 'subnet-db', ip: '10.0.2.5', groupIds: ['sg-db'] }),
    ],
    nacls: [nacl('acl-web', ['subnet-web'], [open(true), open(false)]), nacl('acl-db', ['subnet-db'], [open(true), open(false)])],
  });
}

const withWebAcl = (model: NetworkModel, entries: NaclEntry[]) =>
  patchModel(model, { nacls: new Map([['acl-web', nacl('acl-web', ['subnet-web'], entries)]]) });

describe('diffDependency with kept answers', () => {
  it('judges the same touched resources against each new state after, not the first one asked', () => {
    // Prepare: one Touched object (as a change hands it to every dependency), two different states after.
    const before = base();
    const touched: Touched = { groupIds: [], eniIds: [], subnetIds: ['subnet-web'] };
    const stillOpen = withWebAcl(before, [open(true), open(false)]);
    const denied = withWebAcl(before, [deny(true), open(true), open(false)]);

    // Act
    const first = diffDependency(dep, before, stillOpen, touched);
    const second = diffDependency(dep, before, denied, touched);
    const third = diffDependency(dep, before, stillOpen, touched);

    // Assess
    expect(first.broken).toEqual([]);
    expect(second.broken).toHaveLength(1);
    expect(second.broken[0]!.blockedBy).toEqual(['nacl-outbound']);
    expect(third).toEqual(first);
  });

  it('tells a pair blocked before from one the change broke when the state before changes', () => {
    // Prepare: the same state after, judged against a state before that already denied and one that did not.
    const clean = base();
    const alreadyDenied = withWebAcl(clean, [deny(true), open(true), open(false)]);
    const after = withWebAcl(clean, [deny(true), naclEntry({ ruleNumber: 60, egress: true, action: 'deny' }), open(false)]);
    const touched: Touched = { groupIds: [], eniIds: [], subnetIds: ['subnet-web'] };

    // Act
    const fromClean = diffDependency(dep, clean, after, touched);
    const fromDenied = diffDependency(dep, alreadyDenied, after, touched);

    // Assess
    expect([fromClean.broken.length, fromClean.preexisting.length]).toEqual([1, 0]);
    expect([fromDenied.broken.length, fromDenied.preexisting.length]).toEqual([0, 1]);
  });
});

describe('sameLayerInputs', () => {
  it('answers for each pair of states it is asked about, not for the first pair', () => {
    // Prepare
    const a = base();
    const same = patchModel(a, {});
    const replaced = withWebAcl(a, [deny(true), open(false)]);

    // Act
    const withSame = sameLayerInputs(a, same).nacl('eni-web');
    const withReplaced = sameLayerInputs(a, replaced).nacl('eni-web');

    // Assess
    expect([withSame, withReplaced]).toEqual([true, false]);
    expect(sameLayerInputs(a, replaced).sg('eni-web')).toBe(true);
  });

  it('gives all three answers at once as the separate answers give them, for every ENI', () => {
    // Prepare: the web subnet's NACL replaced, the db ENI regrouped, an ENI only one state has
    const a = base();
    const b = patchModel(withWebAcl(a, [deny(true), open(false)]), {
      enis: new Map([
        ['eni-db', eni('eni-db', { subnetId: 'subnet-db', ip: '10.0.2.5', groupIds: ['sg-web'] })],
        ['eni-new', eni('eni-new', { subnetId: 'subnet-web', ip: '10.0.1.9', groupIds: ['sg-web'] })],
      ]),
    });
    const inputs = sameLayerInputs(a, b);
    const ids = ['eni-web', 'eni-db', 'eni-new', 'eni-none'];

    // Act
    const all = ids.map((id) => inputs.all(id));

    // Assess
    const bits = (id: string) => (inputs.sg(id) ? SAME_SG : 0) | (inputs.nacl(id) ? SAME_NACL : 0) | (inputs.eni(id) ? SAME_ENI : 0);
    expect(all).toEqual(ids.map(bits));
    expect(all).toEqual([SAME_SG | SAME_ENI, 0, 0, 0]);
  });
});

