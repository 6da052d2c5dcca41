import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judge } from '../../../lambdas/core/verdict/judge';
import { loadExamples, NOW } from '../../support/examples';
import { changeOf, dig, editedFixture, loadFixture } from './fixtures';

const FIXTURE = 'authorize-ingress-empty-description.json';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

describe('a rule with an empty description', () => {
  it('parses as the rule it adds, without a description', () => {
    // Act
    const change = changeOf(loadFixture(FIXTURE));

    // Assess
    expect(change).toMatchObject({
      kind: 'sg-rules-added',
      groupId: 'sg-0backend123',
      rules: [{ protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
    });
    expect(change.kind === 'sg-rules-added' && change.rules[0]).not.toHaveProperty('description');
  });

  it('does not escape: SSH opened to the world with an empty description is judged and reverted', () => {
    // Prepare
    const [event] = parseDocument(loadFixture(FIXTURE));

    // Act
    const verdict = judge({ event: event!, model, config, now: NOW });

    // Assess
    expect(verdict.verdict).toBe('violation');
    expect(verdict.action).toBe('revert');
  });

  it.each([
    ['a security group peer', 'groups', { groupId: 'sg-0nginx456', userId: '123456789012', description: '' }],
    ['a prefix list peer', 'prefixListIds', { prefixListId: 'pl-0corpvpn1', description: '' }],
    ['an IPv6 range', 'ipv6Ranges', { cidrIpv6: '::/0', description: '' }],
  ])('accepts an empty description on %s too', (_name, key, entry) => {
    // Prepare
    const doc = editedFixture(FIXTURE, (record) => {
      const permission = dig(record, 'requestParameters', 'ipPermissions', 'items', 0);
      permission.ipRanges = {};
      permission[key] = { items: [entry] };
      delete record.responseElements;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event?.status).toBe('parsed');
  });

  it('still rejects a description that is not a string, with its path', () => {
    // Prepare
    const doc = editedFixture(FIXTURE, (record) => {
      dig(record, 'requestParameters', 'ipPermissions', 'items', 0, 'ipRanges', 'items', 0).description = 42;
    });

    // Act
    const [event] = parseDocument(doc);

    // Assess
    expect(event).toMatchObject({
      status: 'invalid',
      path: '$.requestParameters.ipPermissions.items[0].ipRanges.items[0].description',
    });
  });
});
