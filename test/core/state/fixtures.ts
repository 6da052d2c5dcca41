import { createModel } from '../../../lambdas/core/model/indexed-model';
import type {
  Direction,
  NaclEntry,
  NetworkAcl,
  NetworkInterface,
  NetworkModel,
  RuleSpec,
  SecurityGroup,
  SgRule,
} from '../../../lambdas/core/model/types';

export function tcp(port: number, cidr: string, description?: string): RuleSpec {
  return {
    protocol: 'tcp',
    fromPort: port,
    toPort: port,
    peer: { kind: 'cidr', cidr },
    ...(description ? { description } : {}),
  };
}

export function fromGroup(port: number, groupId: string): RuleSpec {
  return { protocol: 'tcp', fromPort: port, toPort: port, peer: { kind: 'sg', groupId } };
}

export function sgRule(groupId: string, direction: Direction, spec: RuleSpec, ruleId?: string): SgRule {
  return { ...spec, groupId, direction, ...(ruleId ? { ruleId } : {}) };
}

export function group(groupId: string, rules: SgRule[], tags: Record<string, string> = {}): SecurityGroup {
  return { groupId, groupName: groupId.replace(/^sg-/, ''), vpcId: 'vpc-1', tags, rules };
}

export function eni(eniId: string, subnetId: string, groupIds: string[]): NetworkInterface {
  return { eniId, subnetId, vpcId: 'vpc-1', privateIps: ['10.0.0.1'], ipv6Addresses: [], groupIds };
}

export function entry(
  ruleNumber: number,
  egress: boolean,
  port: number,
  action: 'allow' | 'deny' = 'allow',
): NaclEntry {
  return {
    ruleNumber,
    egress,
    protocol: 'tcp',
    action,
    cidr: '0.0.0.0/0',
    portRange: { from: port, to: port },
  };
}

export function nacl(naclId: string, subnets: [string, string][], entries: NaclEntry[]): NetworkAcl {
  return {
    naclId,
    vpcId: 'vpc-1',
    isDefault: false,
    entries,
    associations: subnets.map(([associationId, subnetId]) => ({ associationId, subnetId })),
    tags: {},
  };
}

/**
 * web (22 from 10/8 with id, 443 from world), app (8080 from web), db; three ENIs;
 * acl-a holds subnet-a (assoc-a), acl-b holds subnet-b (assoc-b).
 */
export function smallModel(options: { ruleIds?: boolean } = {}): NetworkModel {
  const ids = options.ruleIds ?? true;
  const id = (x: string) => (ids ? x : undefined);
  return createModel({
    coverage: { ruleIds: ids, nacls: true, prefixLists: false },
    groups: [
      group(
        'sg-web',
        [
          sgRule('sg-web', 'ingress', tcp(22, '10.0.0.0/8', 'admin'), id('sgr-ssh')),
          sgRule('sg-web', 'ingress', tcp(443, '0.0.0.0/0'), id('sgr-https')),
          sgRule('sg-web', 'egress', fromGroup(8080, 'sg-app'), id('sgr-toapp')),
        ],
        { tier: 'web' },
      ),
      group('sg-app', [sgRule('sg-app', 'ingress', fromGroup(8080, 'sg-web'), id('sgr-fromweb'))], {
        tier: 'app',
      }),
      group('sg-db', []),
    ],
    enis: [
      eni('eni-web', 'subnet-a', ['sg-web']),
      eni('eni-app', 'subnet-b', ['sg-app']),
      eni('eni-db', 'subnet-b', ['sg-db']),
    ],
    nacls: [
      nacl('acl-a', [['assoc-a', 'subnet-a']], [entry(100, false, 443), entry(100, true, 8080)]),
      nacl('acl-b', [['assoc-b', 'subnet-b']], [entry(100, false, 8080)]),
    ],
  });
}

/** Plain, order-independent view of one group's rules (for comparisons). */
export function ruleSet(
  model: NetworkModel | undefined,
  groupId: string,
  options: { ids?: boolean; descriptions?: boolean } = {},
): string[] {
  const rules = model?.group(groupId)?.rules ?? [];
  return rules
    .map((r) =>
      JSON.stringify([
        r.direction,
        r.protocol,
        r.fromPort,
        r.toPort,
        r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind === 'sg' ? r.peer.groupId : r.peer.prefixListId,
        options.descriptions === false ? '' : (r.description ?? ''),
        options.ids === false ? '' : (r.ruleId ?? ''),
      ]),
    )
    .sort();
}

/** Plain, order-independent view of a NACL's entries. */
export function entrySet(model: NetworkModel | undefined, naclId: string): string[] {
  return (model?.nacl(naclId)?.entries ?? [])
    .map((e) =>
      JSON.stringify([
        e.ruleNumber,
        e.egress,
        e.protocol,
        e.action,
        e.cidr,
        e.portRange ?? null,
        e.icmpTypeCode ?? null,
      ]),
    )
    .sort();
}
