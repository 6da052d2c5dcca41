/**
 * The first stage of learning: records folded into counters by a compact key, before anything is
 * resolved. Everything learning derives from a record (its ends, groups, direction, edge, rule hits)
 * depends only on the key's fields, so the costly work runs once per distinct key at flush, not once per
 * record. Memory: one key string and five numbers per distinct key, the keys capped (a full digest is
 * flushed and starts again), whatever the number of records.
 */

/** What one key adds up to, and the fields the key stands for (read back from the key at flush). */
export interface DigestEntry {
  readonly interfaceId: string | undefined;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly vpcId: string | undefined;
  /** IANA protocol number. */
  readonly protocol: number;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly inWindow: boolean;
  /** Which side is the service, as the record alone tells it ('ambiguous': port evidence settles it). */
  readonly side: 'src' | 'dst' | 'ambiguous';
  /** The ports that matter: the service's alone when the side is known (the other is ephemeral). */
  readonly srcPort: number;
  readonly dstPort: number;
  readonly records: number;
  readonly bytes: number;
  readonly packets: number;
  readonly first: number;
  readonly last: number;
}

/** One record's part of the key and its amounts (a reused object: no allocation per record). */
export interface DigestInput {
  interfaceId: string | undefined;
  srcIp: string;
  dstIp: string;
  vpcId: string | undefined;
  protocol: number;
  action: 'ACCEPT' | 'REJECT';
  inWindow: boolean;
  side: 'src' | 'dst' | 'ambiguous';
  srcPort: number;
  dstPort: number;
  bytes: number;
  packets: number;
  first: number;
  last: number;
}

const SEP = '\t';
const INITIAL = 1024;
/** Distinct keys held before the digest flushes (memory: about 150 bytes each, 75 MB at most). */
export const DIGEST_KEPT = 500_000;

/**
 * Counters per key in typed columns: records, bytes, packets, first, last. The key is one string built
 * from the record's parts (a fresh flat string: it keeps no slice of the line, nor its chunk, alive).
 */
export class FlowDigest {
  private readonly slots = new Map<string, number>();
  private records = new Float64Array(INITIAL);
  private bytes = new Float64Array(INITIAL);
  private packets = new Float64Array(INITIAL);
  private first = new Float64Array(INITIAL);
  private last = new Float64Array(INITIAL);

  constructor(private readonly kept: number = DIGEST_KEPT) {}

  get size(): number {
    return this.slots.size;
  }

  /** Whether one more distinct key would pass the cap: the caller flushes first. */
  get full(): boolean {
    return this.slots.size >= this.kept;
  }

  add(r: DigestInput): void {
    // Only the service port is kept when the side is known: the client's ephemeral port changes with
    // every connection and changes nothing learned.
    const ports =
      r.side === 'dst' ? `${SEP}${SEP}${r.dstPort}` : r.side === 'src' ? `${SEP}${r.srcPort}${SEP}` : `${SEP}${r.srcPort}${SEP}${r.dstPort}`;
    const key =
      (r.interfaceId ?? '') + SEP + r.srcIp + SEP + r.dstIp + SEP + (r.vpcId ?? '') + SEP + r.protocol + SEP +
      r.action + SEP + (r.inWindow ? '1' : '0') + SEP + r.side + ports;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.records.length) this.grow();
      this.slots.set(key, slot);
      this.records[slot] = 0;
      this.bytes[slot] = 0;
      this.packets[slot] = 0;
      this.first[slot] = r.first;
      this.last[slot] = r.last;
    }
    this.records[slot]! += 1;
    this.bytes[slot]! += r.bytes;
    this.packets[slot]! += r.packets;
    if (r.first < this.first[slot]!) this.first[slot] = r.first;
    if (r.last > this.last[slot]!) this.last[slot] = r.last;
  }

  /** Every entry, in the order its key was first met; then the digest is empty. */
  drain(each: (entry: DigestEntry) => void): void {
    for (const [key, slot] of this.slots) {
      const [interfaceId, srcIp, dstIp, vpcId, protocol, action, inWindow, side, srcPort, dstPort] = key.split(SEP) as [
        string, string, string, string, string, string, string, string, string, string,
      ];
      each({
        interfaceId: interfaceId === '' ? undefined : interfaceId,
        srcIp,
        dstIp,
        vpcId: vpcId === '' ? undefined : vpcId,
        protocol: Number(protocol),
        action: action as 'ACCEPT' | 'REJECT',
        inWindow: inWindow === '1',
        side: side as DigestEntry['side'],
        srcPort: srcPort === '' ? 0 : Number(srcPort),
        dstPort: dstPort === '' ? 0 : Number(dstPort),
        records: this.records[slot]!,
        bytes: this.bytes[slot]!,
        packets: this.packets[slot]!,
        first: this.first[slot]!,
        last: this.last[slot]!,
      });
    }
    this.slots.clear();
  }

  private grow(): void {
    const size = Math.min(this.records.length * 2, Math.max(this.kept, INITIAL));
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.records = bigger(this.records);
    this.bytes = bigger(this.bytes);
    this.packets = bigger(this.packets);
    this.first = bigger(this.first);
    this.last = bigger(this.last);
  }
}
