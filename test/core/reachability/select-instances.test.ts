import { describe, expect, it } from 'vitest';
import { selectPairs } from '../../../lambdas/core/reachability/evaluate-dependency';
import { describeSelector, selectEndpoint, selectGroups } from '../../../lambdas/core/reachability/select';
import { ALB, PHANTOM_ENIS, phantomBlockModel, STALE, WEB } from '../support/phantom-block';

const ids = (items: readonly { eniId: string }[]) => items.map((e) => e.eniId);

describe('selectEndpoint by instance tags', () => {
  it('selects every ENI of the pending/running instances with those tags, never a stopped one', () => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const selection = selectEndpoint(model, { instanceTags: { Role: 'web' } });

    // Assess
    expect(ids(selection.enis)).toEqual(['eni-0web1a', 'eni-0web1b', 'eni-0web2a', 'eni-0web2b']);
    expect(selection.instances?.map((i) => i.instanceId)).toEqual(['i-0web1', 'i-0web2']);
    expect(selection.groups.map((g) => g.groupId)).toEqual([STALE, WEB]);
    expect(selection.notEvaluated).toBeUndefined();
  });

  it('counts a pending instance as live', () => {
    // Prepare
    const base = phantomBlockModel();
    const instances = [...base.instances()].map((i) => (i.instanceId === 'i-0webold' ? { ...i, state: 'pending' } : i));

    // Act
    const selection = selectEndpoint(base.with({ instances }), { instanceTags: { Role: 'web' } });

    // Assess
    expect(ids(selection.enis)).toContain('eni-0webold');
  });

  it.each([
    ['one device index', 1, ['eni-0web1b', 'eni-0web2b'], [STALE]],
    ['the primary only', 0, ['eni-0web1a', 'eni-0web2a'], [WEB]],
    ['a list of device indexes', [0, 1], ['eni-0web1a', 'eni-0web1b', 'eni-0web2a', 'eni-0web2b'], [STALE, WEB]],
    ['a device index no instance has', 2, [], []],
  ])('narrows to %s, with the groups those ENIs carry', (_name, deviceIndex, enis, groups) => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const selection = selectEndpoint(model, { instanceTags: { Role: 'web' }, deviceIndex });

    // Assess
    expect(ids(selection.enis)).toEqual(enis);
    expect(selection.groups.map((g) => g.groupId)).toEqual(groups);
  });

  it('requires every tag given and narrows to a VPC', () => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const both = selectEndpoint(model, { instanceTags: { Role: 'web', Env: 'prod' }, deviceIndex: 0 });
    const otherEnv = selectEndpoint(model, { instanceTags: { Role: 'web', Env: 'dev' } });
    const otherVpc = selectEndpoint(model, { instanceTags: { Role: 'web' }, vpcId: 'vpc-2' });

    // Assess
    expect(ids(both.enis)).toEqual(['eni-0web1a', 'eni-0web2a']);
    expect(otherEnv.enis).toEqual([]);
    expect(otherVpc.enis).toEqual([]);
  });

  it('is not evaluated, not empty-and-fine, when the model has no instances', () => {
    // Prepare
    const model = phantomBlockModel({ instances: false });

    // Act
    const selection = selectEndpoint(model, { instanceTags: { Role: 'web' }, deviceIndex: 1 });

    // Assess
    expect(selection.enis).toEqual([]);
    expect(selection.notEvaluated).toBe(
      'instanceTags {Role=web} device 1 is not evaluated: instances are not loaded (no describe-instances.json)',
    );
  });

  it('keeps group selectors as they were: every ENI carrying the group, instances or not', () => {
    // Prepare
    const model = phantomBlockModel();

    // Act
    const selection = selectEndpoint(model, { groupId: WEB });

    // Assess
    expect(ids(selection.enis)).toEqual(
      PHANTOM_ENIS.filter((e) => e.groupIds.includes(WEB))
        .map((e) => e.eniId)
        .sort(),
    );
    expect(selection.instances).toBeUndefined();
  });

  it('gives selectGroups the groups the selected ENIs carry', () => {
    // Act
    const groups = selectGroups(phantomBlockModel(), { instanceTags: { Role: 'db' } });

    // Assess
    expect(groups.map((g) => g.groupId)).toEqual([WEB]);
  });

  it('pairs the ALB ENI with each selected ENI', () => {
    // Act
    const pairs = selectPairs(phantomBlockModel(), {
      from: { groupId: ALB },
      to: { instanceTags: { Role: 'web' }, deviceIndex: 1 },
    });

    // Assess
    expect(pairs).toEqual([
      { sourceEniId: 'eni-0alb', destinationEniId: 'eni-0web1b' },
      { sourceEniId: 'eni-0alb', destinationEniId: 'eni-0web2b' },
    ]);
  });
});

describe('describeSelector for instance tags', () => {
  it.each([
    [{ instanceTags: { Role: 'web' }, deviceIndex: 1 }, 'instanceTags {Role=web} device 1'],
    [{ instanceTags: { Role: 'web', Env: 'prod' } }, 'instanceTags {Role=web, Env=prod}'],
    [{ instanceTags: { Role: 'web' }, deviceIndex: [0, 1], vpcId: 'vpc-1' }, 'instanceTags {Role=web} devices 0, 1 in vpc-1'],
  ])('describes %j as %s', (selector, text) => {
    // Act
    const described = describeSelector(selector);

    // Assess
    expect(described).toBe(text);
  });
});
