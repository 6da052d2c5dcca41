import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

describe('CreateTags and DeleteTags', () => {
  it('reads tags set on every resource named, whatever its type', () => {
    // Act
    const change = changeOf(loadFixture('create-tags.json'));

    // Assess
    expect(change).toEqual({
      kind: 'tags-set',
      resourceIds: ['i-0backend2', 'sg-0legacy789'],
      tags: { Role: 'backend', Owner: 'team-core' },
    });
  });

  it('reads a tag set without value as the empty value', () => {
    // Prepare
    const doc = editedFixture('create-tags.json', (r) => {
      dig(r, 'requestParameters').tagSet = { items: [{ key: 'Maintenance' }] };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({ kind: 'tags-set', tags: { Maintenance: '' } });
  });

  it('reads removed keys, keeping a value only where the call gave one', () => {
    // Act
    const change = changeOf(loadFixture('delete-tags.eventbridge.json'));

    // Assess
    expect(change).toEqual({
      kind: 'tags-removed',
      resourceIds: ['i-0backend2'],
      tags: [{ key: 'Role' }, { key: 'Owner', value: 'team-core' }],
    });
  });

  it.each<[string, string, (q: Record<string, unknown>) => void, string, string]>([
    [
      'a delete of every tag (no tagSet)',
      'delete-tags.eventbridge.json',
      (q) => {
        delete q.tagSet;
      },
      '$.detail.requestParameters.tagSet',
      'missing: the call removes every tag of the resources, which the event does not list',
    ],
    [
      'no resource',
      'create-tags.json',
      (q) => {
        q.resourcesSet = {};
      },
      '$.requestParameters.resourcesSet',
      'names no resource',
    ],
    [
      'a tag without key',
      'create-tags.json',
      (q) => {
        q.tagSet = { items: [{ value: 'backend' }] };
      },
      '$.requestParameters.tagSet.items[0].key',
      'missing',
    ],
    [
      'a value that is not a string',
      'create-tags.json',
      (q) => {
        q.tagSet = { items: [{ key: 'Role', value: 7 }] };
      },
      '$.requestParameters.tagSet.items[0].value',
      'expected a string, got 7',
    ],
    [
      'a create with no tag',
      'create-tags.json',
      (q) => {
        q.tagSet = {};
      },
      '$.requestParameters.tagSet',
      'sets no tag',
    ],
  ])('is invalid with the path for %s', (_, fixture, edit, path, reason) => {
    // Prepare
    const doc = editedFixture(fixture, (r) => edit(dig(r, 'requestParameters')));

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});
