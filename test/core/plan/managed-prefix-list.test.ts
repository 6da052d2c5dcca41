import { describe, expect, it } from 'vitest';
import { changesOf, planOf, resourceChange, translated } from './plan-builders';

const list = (cidrs: string[], overrides: Record<string, unknown> = {}) => ({
  address_family: 'IPv4',
  arn: 'arn:aws:ec2:eu-west-1:123456789012:prefix-list/pl-0office',
  entry: cidrs.map((cidr) => ({ cidr, description: 'office' })),
  id: 'pl-0office',
  max_entries: 10,
  name: 'office',
  owner_id: '123456789012',
  tags: {},
  tags_all: {},
  version: 3,
  ...overrides,
});
const entry = (cidr: string, overrides: Record<string, unknown> = {}) => ({
  cidr,
  description: 'office',
  id: `pl-0office,${cidr}`,
  prefix_list_id: 'pl-0office',
  ...overrides,
});

describe('preflight: aws_ec2_managed_prefix_list', () => {
  it('diffs the entry CIDRs into one prefix-list change', () => {
    // Prepare
    const before = list(['203.0.113.0/24', '198.51.100.0/24']);
    const after = list(['203.0.113.0/24', '0.0.0.0/1'], { version: null });
    const plan = planOf(resourceChange('aws_ec2_managed_prefix_list.office', ['update'], before, after, { version: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['0.0.0.0/1'], removed: ['198.51.100.0/24'] },
    ]);
  });

  it('changes nothing when only descriptions change', () => {
    // Prepare
    const after = { ...list(['203.0.113.0/24']), entry: [{ cidr: '203.0.113.0/24', description: 'HQ' }] };
    const plan = planOf(resourceChange('aws_ec2_managed_prefix_list.office', ['update'], list(['203.0.113.0/24']), after));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
  });

  it('cannot judge entries known only after apply', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_ec2_managed_prefix_list.office', ['update'], list(['203.0.113.0/24']), list([]), { entry: true }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.cannotJudge).toMatchObject([{ attribute: 'entry' }]);
  });

  it('notes a replaced list (a new id no rule of the snapshot references)', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_ec2_managed_prefix_list.office', ['delete', 'create'], list(['10.0.0.0/8']), list(['10.0.0.0/8'], { id: null, address_family: 'IPv6' }), { id: true }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.notes[0]).toContain('replaced by a new one');
  });

  it('notes a new list and a deleted one', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_ec2_managed_prefix_list.a', ['create'], null, list(['10.0.0.0/8'], { id: null }), { id: true }),
      resourceChange('aws_ec2_managed_prefix_list.b', ['delete'], list(['10.0.0.0/8']), null),
    );

    // Act
    const steps = translated(plan);

    // Assess
    expect(steps.flatMap((s) => s.ops)).toEqual([]);
    expect(steps.flatMap((s) => s.notes)).toHaveLength(2);
  });
});

describe('preflight: aws_ec2_managed_prefix_list_entry', () => {
  it('adds the CIDR of a new entry', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_ec2_managed_prefix_list_entry.wide', ['create'], null, entry('0.0.0.0/1'), { id: true }));

    // Act
    const [step] = translated(plan);

    // Assess
    expect(changesOf(step)).toEqual([
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['0.0.0.0/1'], removed: [] },
    ]);
  });

  it('removes the CIDR of a deleted entry, and moves it on a replacement', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_ec2_managed_prefix_list_entry.a', ['delete'], entry('198.51.100.0/24'), null),
      resourceChange('aws_ec2_managed_prefix_list_entry.b', ['delete', 'create'], entry('203.0.113.0/24'), entry('203.0.113.0/25')),
    );

    // Act
    const [deleted, replaced] = translated(plan);

    // Assess
    expect(changesOf(deleted)).toEqual([
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: [], removed: ['198.51.100.0/24'] },
    ]);
    expect(changesOf(replaced)).toEqual([
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: [], removed: ['203.0.113.0/24'] },
      { kind: 'prefix-list-modified', prefixListId: 'pl-0office', added: ['203.0.113.0/25'], removed: [] },
    ]);
  });

  it('cannot judge an entry of a list whose id is known only after apply', () => {
    // Prepare
    const plan = planOf(
      resourceChange('aws_ec2_managed_prefix_list_entry.a', ['create'], null, entry('10.1.0.0/16', { prefix_list_id: null }), {
        prefix_list_id: true,
      }),
    );

    // Act
    const [step] = translated(plan);

    // Assess
    expect(step?.ops).toEqual([]);
    expect(step?.cannotJudge).toMatchObject([{ attribute: 'prefix_list_id' }]);
  });

  it('fails with the JSON path on a CIDR that is not one', () => {
    // Prepare
    const plan = planOf(resourceChange('aws_ec2_managed_prefix_list_entry.a', ['create'], null, entry('10.1.0.0/99')));

    // Act
    const act = () => translated(plan);

    // Assess
    expect(act).toThrow('$.resource_changes[0].change.after.cidr: expected a CIDR');
  });
});
