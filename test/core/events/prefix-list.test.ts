import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../lambdas/core/events/parse';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

const FIXTURE = 'modify-managed-prefix-list.json';
const BODY = '$.requestParameters.ModifyManagedPrefixListRequest';

type Json = Record<string, unknown>;

function withBody(edit: (body: Json) => void): unknown {
  return editedFixture(FIXTURE, (r) => edit(dig(r, 'requestParameters', 'ModifyManagedPrefixListRequest')));
}

describe('ModifyManagedPrefixList', () => {
  it('reads the entries added (an array) and removed (a single object)', () => {
    // Act
    const change = changeOf(loadFixture(FIXTURE));

    // Assess
    expect(change).toEqual({
      kind: 'prefix-list-modified',
      prefixListId: 'pl-0corpvpn1',
      added: ['0.0.0.0/1', '128.0.0.0/1'],
      removed: ['198.51.100.0/24'],
    });
  });

  it('normalises CIDRs of either family', () => {
    // Prepare
    const doc = withBody((body) => {
      body.AddEntry = [{ tag: 1, Cidr: '10.1.2.3/16' }, { tag: 2, Cidr: '2001:DB8:0:0::/32' }];
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toMatchObject({ added: ['10.1.0.0/16', '2001:db8::/32'] });
  });

  it('reads a flat request too', () => {
    // Prepare
    const doc = editedFixture(FIXTURE, (r) => {
      r.requestParameters = { prefixListId: 'pl-0corpvpn1', RemoveEntry: [{ Cidr: '203.0.113.0/25' }] };
    });

    // Act
    const change = changeOf(doc);

    // Assess
    expect(change).toEqual({
      kind: 'prefix-list-modified',
      prefixListId: 'pl-0corpvpn1',
      added: [],
      removed: ['203.0.113.0/25'],
    });
  });

  it('ignores a call that only renames or resizes the list', () => {
    // Prepare
    const doc = withBody((body) => {
      delete body.AddEntry;
      delete body.RemoveEntry;
      body.MaxEntries = 20;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'ignored',
      reason: 'ModifyManagedPrefixList on pl-0corpvpn1 adds and removes no entry',
    });
  });

  it.each<[string, (body: Json) => void, string, string]>([
    [
      'a bad CIDR',
      (body) => {
        dig(body, 'AddEntry', 1).Cidr = '128.0.0.0/33';
      },
      `${BODY}.AddEntry[1].Cidr`,
      'not a valid CIDR: "128.0.0.0/33"',
    ],
    [
      'an entry without Cidr',
      (body) => {
        body.RemoveEntry = { tag: 1 };
      },
      `${BODY}.RemoveEntry.Cidr`,
      'missing',
    ],
    [
      'an entry that is not an object',
      (body) => {
        body.AddEntry = ['10.0.0.0/8'];
      },
      `${BODY}.AddEntry[0]`,
      'expected a prefix list entry, got "10.0.0.0/8"',
    ],
    [
      'no prefix list id',
      (body) => {
        delete body.PrefixListId;
      },
      `${BODY}.PrefixListId`,
      'missing',
    ],
  ])('is invalid with the path for %s', (_, edit, path, reason) => {
    // Prepare
    const doc = withBody(edit);

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({ status: 'invalid', path, reason });
  });
});
