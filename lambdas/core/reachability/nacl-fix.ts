import { describeTraffic } from '../rules/describe';
import { isIpv6 } from '../util/cidr';
import { protocolNumber } from '../util/protocol';
import type { NetworkAcl, Protocol } from '../model/types';
import type { Fix, PortRange } from '../verdict/types';
import { createEntryStep } from './fix-apply';
import { hclString, portAttributes, terraformBlock, terraformName } from './fix-format';
import { ruleName } from './nacl-check';
import type { FixContext } from './sg-fix';
import type { Block } from './types';

type NaclBlock = Extract<Block, { layer: 'nacl-outbound' | 'nacl-inbound' | 'nacl-return' }>;

const MAX_RULE_NUMBER = 32766;
const NONE: ReadonlySet<number> = new Set();

/**
 * A free rule number that wins over the blocking entry: just below the lowest denying entry, or after
 * the last used number when only the default deny blocked. Undefined when no number is free.
 */
export function pickRuleNumber(used: ReadonlySet<number>, denyRuleNumber?: number): number | undefined {
  return pickFreeNumber(used, NONE, denyRuleNumber);
}

/** pickRuleNumber on the union of `used` and `taken`, without building it. */
function pickFreeNumber(
  used: ReadonlySet<number>,
  taken: ReadonlySet<number>,
  denyRuleNumber?: number,
): number | undefined {
  const free = (n: number) => !used.has(n) && !taken.has(n);
  if (denyRuleNumber !== undefined) {
    for (let n = Math.min(denyRuleNumber - 1, MAX_RULE_NUMBER); n >= 1; n--) if (free(n)) return n;
    return undefined;
  }
  let last = 0;
  for (const set of [used, taken]) for (const n of set) if (n <= MAX_RULE_NUMBER && n > last) last = n;
  for (let n = last + 1; n <= MAX_RULE_NUMBER; n++) if (free(n)) return n;
  for (let n = MAX_RULE_NUMBER; n >= 1; n--) if (free(n)) return n;
  return undefined;
}

/** Rule numbers of one direction of a NACL, kept per (immutable) NACL object. */
const usedByNacl = new WeakMap<NetworkAcl, readonly [ReadonlySet<number>, ReadonlySet<number>]>();

function usedNumbers(nacl: NetworkAcl | undefined, egress: boolean): ReadonlySet<number> {
  if (!nacl) return NONE;
  let used = usedByNacl.get(nacl);
  if (!used) {
    const numbers = (e: boolean) => new Set(nacl.entries.filter((x) => x.egress === e).map((x) => x.ruleNumber));
    used = [numbers(false), numbers(true)];
    usedByNacl.set(nacl, used);
  }
  return used[egress ? 1 : 0];
}

const protocolNumbers = new Map<string, string>();
/** protocolNumber, remembered per protocol (it searches the IANA table). */
function protocolNumberOf(protocol: Protocol): string {
  let number = protocolNumbers.get(protocol);
  if (number === undefined) {
    number = protocolNumber(protocol);
    protocolNumbers.set(protocol, number);
  }
  return number;
}

/** describeTraffic of a fix's protocol and ports; the last answer kept (one dependency's fixes ask the same). */
let lastText: { protocol?: Protocol; ports?: PortRange; text: string } = { text: '' };
function trafficText(protocol: Protocol, ports: PortRange | undefined): string {
  const last = lastText;
  if (last.protocol === protocol && last.ports === ports && last.text !== '') return last.text;
  const text = describeTraffic(protocol, ports && [ports]);
  lastText = { protocol, ports, text };
  return text;
}

function cliPortArgs(protocol: string, block: NaclBlock): string {
  if (block.ports) return ` --port-range From=${block.ports.from},To=${block.ports.to}`;
  return protocol === 'icmp' || protocol === 'icmpv6' ? ' --icmp-type-code Type=-1,Code=-1' : '';
}

function terraformIcmpOrPorts(protocol: string, block: NaclBlock): [string, string][] {
  if (protocol === 'icmp' || protocol === 'icmpv6')
    return [
      ['icmp_type', '-1'],
      ['icmp_code', '-1'],
    ];
  return block.ports ? portAttributes(protocol, block.ports) : [];
}

/**
 * A narrow NACL allow entry (the peer IP as /32 or /128) numbered ahead of the entry that denied.
 * `taken` holds numbers already proposed by other fixes for this NACL direction; the pick is added to it.
 */
export function naclFix(ctx: FixContext, block: NaclBlock, taken: Set<number> = new Set()): Fix {
  const { protocol } = ctx.traffic;
  const direction = block.egress ? 'egress' : 'ingress';
  const v6 = isIpv6(block.peerIp);
  const cidr = `${block.peerIp}/${v6 ? 128 : 32}`;
  const used = usedNumbers(ctx.model.nacl(block.naclId), block.egress);
  const ruleNumber = pickFreeNumber(used, taken, block.denyRuleNumber);
  if (ruleNumber !== undefined) taken.add(ruleNumber);
  const traffic = trafficText(protocol, block.ports);
  const purpose = block.layer === 'nacl-return' ? ' (return traffic)' : '';
  const where = block.egress ? `out of ${block.naclId} to` : `into ${block.naclId} from`;
  const ahead =
    block.denyRuleNumber === undefined ? '' : `, ahead of the denying ${ruleName(block.denyRuleNumber)}`;
  const widen = `; ${cidr} is the narrowest choice, the peer subnet's CIDR may be preferred to cover its other addresses`;
  if (ruleNumber === undefined) {
    const message = `no free ${direction} rule number below ${ruleName(block.denyRuleNumber)} in ${block.naclId}`;
    return {
      layer: block.layer,
      summary: `${message}: renumber its entries first`,
      awsCli: `# ${message}`,
      terraform: `# ${message}`,
    };
  }
  const cidrFlag = v6 ? '--ipv6-cidr-block' : '--cidr-block';
  const number = protocolNumberOf(protocol);
  const tfProtocol = ['tcp', 'udp', 'icmp', '-1'].includes(protocol) ? protocol : number;
  const icmp = protocol === 'icmp' || protocol === 'icmpv6';
  const apply = createEntryStep(block.naclId, {
    ruleNumber,
    egress: block.egress,
    protocol,
    action: 'allow',
    cidr,
    ...(block.ports && !icmp && { portRange: block.ports }),
    ...(icmp && { icmpTypeCode: { type: -1, code: -1 } }),
  });
  return {
    layer: block.layer,
    summary: `Allow ${traffic}${purpose} ${where} ${cidr} as rule #${ruleNumber}${ahead}${widen}`,
    awsCli:
      `aws ec2 create-network-acl-entry --network-acl-id ${block.naclId} --${direction} --rule-number ${ruleNumber} ` +
      `--protocol ${number}${cliPortArgs(protocol, block)} ${cidrFlag} ${cidr} --rule-action allow`,
    terraform: terraformBlock(
      'aws_network_acl_rule',
      terraformName(ctx.name, block.layer, block.naclId, direction, block.peerIp),
      [
        ['network_acl_id', hclString(block.naclId)],
        ['rule_number', String(ruleNumber)],
        ['egress', String(block.egress)],
        ['protocol', hclString(tfProtocol)],
        ['rule_action', hclString('allow')],
        [v6 ? 'ipv6_cidr_block' : 'cidr_block', hclString(cidr)],
        ...terraformIcmpOrPorts(protocol, block),
      ],
    ),
    apply,
  };
}
