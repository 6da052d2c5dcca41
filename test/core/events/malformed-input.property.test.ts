import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { indexPath, keyPath, ROOT_PATH } from '../../../lambdas/core/events/json-path';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judge } from '../../../lambdas/core/verdict/judge';
import { loadExamples, NOW } from '../../support/examples';
import { FIXTURE_NAMES, loadFixture } from './fixtures';

let model: NetworkModel;
let config: GuardianConfig;

beforeAll(async () => {
  ({ model, config } = await loadExamples());
});

type Container = Record<string, unknown> | unknown[];
interface Slot {
  readonly fixture: string;
  readonly key: string;
  readonly path: string;
  readonly value: string;
}

/** The keys CloudTrail writes a CIDR under, in requests and responses of the calls sg-guardian reads. */
const CIDR_KEYS = new Set(['cidrIp', 'cidrIpv6', 'cidrIpv4', 'CidrIpv4', 'CidrIpv6', 'cidrBlock', 'ipv6CidrBlock', 'Cidr']);

/** The keys of resource ids the parsers read (informative copies, e.g. tag resourceId, are not judged). */
const ID_KEYS = new Set([
  'groupId',
  'GroupId',
  'networkInterfaceId',
  'networkAclId',
  'securityGroupRuleId',
  'SecurityGroupRuleId',
  'prefixListId',
  'PrefixListId',
  'referencedGroupId',
  'ReferencedGroupId',
  'associationId',
  'launchTemplateId',
  'LaunchTemplateId',
  'subnetId',
  'SubnetId',
  'vpcId',
]);

/** Every string slot under `keys`, with its JSON path from the document root. */
function slots(fixture: string, keys: ReadonlySet<string>): Slot[] {
  const out: Slot[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(value, i, v, indexPath(path, i)));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) visit(value as Record<string, unknown>, k, v, keyPath(path, k));
  };
  const visit = (_container: Container, key: string | number, value: unknown, path: string): void => {
    if (typeof key === 'string' && keys.has(key) && typeof value === 'string') out.push({ fixture, key, path, value });
    walk(value, path);
  };
  walk(loadFixture(fixture), ROOT_PATH);
  return out;
}

const CIDR_MUTATIONS: readonly ((cidr: string) => string)[] = [
  (c) => c.replace(/\/.*$/, '/'),
  (c) => c.replace(/\/(\d+)$/, '/-$1'),
  (c) => c.replace(/\/(\d+)$/, '/+$1'),
  (c) => c.replace(/\/(\d+)$/, (_m, d: string) => `/0x${Number(d).toString(16)}`),
  (c) => c.replace(/\/(\d+)$/, '/$1e0'),
  (c) => c.replace(/\/(\d+)$/, '/$1.0'),
  (c) => c.replace(/\/(\d+)$/, '/\t'),
  (c) => `${c} `,
  (c) => c.replace('/', ' /'),
  (c) => c.replace(/\/(\d+)$/, (_m, d: string) => `/${c.includes(':') ? 129 + Number(d) : 33 + Number(d)}`),
  (c) => `${c}/0`,
  (c) => c.replace(/\/(\d+)$/, '/0$1'),
];

const ID_MUTATIONS: readonly ((id: string) => string)[] = [
  (id) => id.toUpperCase(),
  (id) => `${id} `,
  (id) => id.replace('-', '_'),
  (id) => id.replace(/-.*$/, '-'),
  (id) => `${id}0123456789abcdef0`,
  (id) => id.replace(/^[a-z]+/, 'x'),
  (id) => `${id}/0`,
];

describe('malformed CIDRs and ids in real fixtures', () => {
  it('make the event invalid at their path (or are never read), and never lead to a revert', () => {
    const cidrSlots = FIXTURE_NAMES.flatMap((f) => slots(f, CIDR_KEYS));
    const idSlots = FIXTURE_NAMES.flatMap((f) => slots(f, ID_KEYS)).filter((s) => /^[a-z]+(-attach)?-/.test(s.value));
    const cases = fc.oneof(
      fc.tuple(fc.constantFrom(...cidrSlots), fc.constantFrom(...CIDR_MUTATIONS)),
      fc.tuple(fc.constantFrom(...idSlots), fc.constantFrom(...ID_MUTATIONS)),
    );
    let invalidRuns = 0;
    fc.assert(
      fc.property(cases, ([slot, mutate]) => {
        // Prepare
        const doc = loadFixture(slot.fixture);
        const target = slotsOf(doc, slot.key).find((s) => s.path === slot.path);
        const text = mutate(slot.value);
        (target?.container as Record<string, unknown>)[slot.key] = text;

        // Act
        const events = parseDocument(doc);
        const actions = events.map((event) => judge({ event, model, config, now: NOW }).action);

        // Assess
        expect(actions).not.toContain('revert');
        const invalidAt = events.flatMap((e) => (e.status === 'invalid' ? [e.path] : []));
        // Either the event is invalid at the slot, or the slot is one no parser reads (e.g. the request
        // groupSet of CreateNetworkInterface, whose response is authoritative): the text went nowhere.
        if (invalidAt.includes(slot.path)) invalidRuns++;
        else expect(JSON.stringify(events)).not.toContain(JSON.stringify(text));
      }),
      { numRuns: 400 },
    );
    // Most mutated slots are read (the unread ones are request copies of what the response says).
    expect(invalidRuns).toBeGreaterThan(400 * 0.6);
  });
});

/** The slots of an already loaded document under one key. */
function slotsOf(doc: unknown, key: string | number): { container: Container; key: string | number; path: string }[] {
  const out: { container: Container; key: string | number; path: string }[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(value, i, v, indexPath(path, i)));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) visit(value as Record<string, unknown>, k, v, keyPath(path, k));
  };
  const visit = (container: Container, k: string | number, value: unknown, path: string): void => {
    if (k === key) out.push({ container, key: k, path });
    walk(value, path);
  };
  walk(doc, ROOT_PATH);
  return out;
}
