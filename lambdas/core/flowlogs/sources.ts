/**
 * The observed sources of a rule, aggregated for a replacement: host CIDRs sharing a /24 (IPv4) are
 * merged into the /24 once `hostsPerBlock` of them are seen; group sets stand for their first group.
 */
export interface ObservedSource {
  readonly kind: 'group' | 'cidr';
  /** sg-... or a CIDR. */
  readonly value: string;
  readonly flows: number;
}

function block24(cidr: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.\d+\/32$/.exec(cidr);
  return m ? `${m[1]}.${m[2]}.${m[3]}.0/24` : undefined;
}

export function aggregateSources(sources: ReadonlyMap<string, number>, hostsPerBlock = 4): ObservedSource[] {
  const groups = new Map<string, number>();
  const blocks = new Map<string, { hosts: string[]; flows: number }>();
  const others = new Map<string, number>();
  for (const [key, flows] of sources) {
    if (key.startsWith('sg-')) {
      const first = key.split('+')[0]!;
      groups.set(first, (groups.get(first) ?? 0) + flows);
      continue;
    }
    const block = block24(key);
    if (!block) {
      others.set(key, (others.get(key) ?? 0) + flows);
      continue;
    }
    const b = blocks.get(block) ?? { hosts: [], flows: 0 };
    b.hosts.push(key);
    b.flows += flows;
    blocks.set(block, b);
  }
  const out: ObservedSource[] = [...groups].map(([value, flows]) => ({ kind: 'group' as const, value, flows }));
  for (const [block, b] of blocks) {
    if (b.hosts.length >= hostsPerBlock) out.push({ kind: 'cidr', value: block, flows: b.flows });
    else for (const host of b.hosts) out.push({ kind: 'cidr', value: host, flows: sources.get(host) ?? 0 });
  }
  for (const [value, flows] of others) out.push({ kind: 'cidr', value, flows });
  return out.sort((a, b) => b.flows - a.flows || a.value.localeCompare(b.value));
}
