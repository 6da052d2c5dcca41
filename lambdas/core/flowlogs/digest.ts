/**
 * The first stage of learning: records folded into counters by a compact key, before anything is
 * resolved. Everything learning derives from a record (its ends, groups, direction, edge, rule hits)
 * depends only on the key's fields, so the costly work runs once per distinct key at flush, not once per
 * record. Memory: a 64-byte bucket per distinct key (at most half the buckets used), the keys capped (a full digest is flushed
 * and starts again), whatever the number of records.
 *
 * The key is numbers, not a string: interface and VPC ids and non-IPv4 addresses are interned, IPv4
 * addresses packed into 32 bits, protocol, action, window and side into bits, ports into one int32; an
 * open-addressing table over typed arrays finds a key without allocating. A digest exports as a
 * `DigestPart` (arrays of strings and typed arrays: what a worker thread can post) and merges parts.
 */
import { Interner, ipv4Text, packIpv4 } from './intern';

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

/**
 * A digest's entries as plain data (structured-clone and transfer friendly): `keys` holds KEY_WIDTH
 * int32 per entry, `amounts` AMOUNT_WIDTH float64 (records, bytes, packets, first, last), entries in the
 * order their key was first met; ids in the keys index `interfaces` and `strings`. `interfaces` lists
 * every interface id the digest met, a record of it counted or not.
 */
export interface DigestPart {
  readonly size: number;
  readonly interfaces: string[];
  readonly strings: string[];
  readonly keys: Int32Array;
  readonly amounts: Float64Array;
}

export const KEY_WIDTH = 6;
export const AMOUNT_WIDTH = 5;
/** Distinct keys held before the digest flushes (memory: 128 bytes each at most, and the strings interned). */
export const DIGEST_KEPT = 500_000;
/** Buckets to start with (a power of two). */
const INITIAL = 2048;
const BUCKET_INTS = 16;
const BUCKET_NUMS = 8;
/** Where the amounts start in a bucket, in float64 (after the six int32 of the key). */
const AMOUNTS_AT = 3;

// Key layout: 0 interface (-1 none), 1 source and 2 destination address (IPv4 bits, or a string id),
// 3 VPC (-1 none), 4 flags (below), 5 ports (source << 16 | destination).
const REJECT = 1 << 8;
const IN_WINDOW = 1 << 9;
const SIDE_SHIFT = 10;
const SRC_STRING = 1 << 12;
const DST_STRING = 1 << 13;
/** Set in every stored key's flags: a bucket whose flags are 0 is empty. */
const USED = 1 << 14;
const SIDES = ['dst', 'src', 'ambiguous'] as const;
const SIDE_CODE = { dst: 0, src: 1, ambiguous: 2 } as const;

function mix(h: number, k: number): number {
  h = Math.imul(h ^ k, 0xcc9e2d51);
  return Math.imul((h << 15) | (h >>> 17), 0x1b873593);
}

/** A murmur3-style hash of the KEY_WIDTH int32 at `k`. */
function hashAt(keys: Int32Array, k: number): number {
  let h = mix(mix(mix(mix(mix(mix(0x9747b28c, keys[k]!), keys[k + 1]!), keys[k + 2]!), keys[k + 3]!), keys[k + 4]!), keys[k + 5]!);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

export class FlowDigest {
  private readonly interfaces = new Interner();
  private readonly strings = new Interner();
  /**
   * Open addressing, one 64-byte bucket per key (a cache line: a record touches one): int32 0-5 the
   * key, float64 3-7 the amounts. A used bucket's flags word has USED set; at most half are used.
   */
  private ints = new Int32Array(INITIAL * BUCKET_INTS);
  private nums = new Float64Array(this.ints.buffer);
  private capacity = INITIAL;
  /** Buckets in the order their key was first met. */
  private order = new Int32Array(INITIAL / 2);
  private count = 0;
  /** The key being looked up (no allocation per record). */
  private readonly key = new Int32Array(KEY_WIDTH);

  constructor(private readonly kept: number = DIGEST_KEPT) {}

  get size(): number {
    return this.count;
  }

  /** Whether one more distinct key would pass the cap: the caller flushes first. */
  get full(): boolean {
    return this.count >= this.kept;
  }

  /** Notes an interface met in a record that adds nothing (NODATA): the part still lists it. */
  noteInterface(interfaceId: string): void {
    this.interfaces.id(interfaceId);
  }

  add(r: DigestInput): void {
    const key = this.key;
    let flags =
      USED | r.protocol | (r.action === 'REJECT' ? REJECT : 0) | (r.inWindow ? IN_WINDOW : 0) | (SIDE_CODE[r.side] << SIDE_SHIFT);
    const src = packIpv4(r.srcIp);
    const dst = packIpv4(r.dstIp);
    if (src < 0) flags |= SRC_STRING;
    if (dst < 0) flags |= DST_STRING;
    key[0] = r.interfaceId === undefined ? -1 : this.interfaces.id(r.interfaceId);
    key[1] = src < 0 ? this.strings.id(r.srcIp) : src | 0;
    key[2] = dst < 0 ? this.strings.id(r.dstIp) : dst | 0;
    key[3] = r.vpcId === undefined ? -1 : this.strings.id(r.vpcId);
    key[4] = flags;
    // Only the service port is kept when the side is known: the client's ephemeral port changes with
    // every connection and changes nothing learned.
    key[5] = ((r.side === 'dst' ? 0 : r.srcPort) << 16) | (r.side === 'src' ? 0 : r.dstPort);
    this.fold(1, r.bytes, r.packets, r.first, r.last);
  }

  /** Adds every entry of another digest's part (ids mapped to this digest's own). */
  merge(part: DigestPart): void {
    const interfaces = part.interfaces.map((s) => this.interfaces.id(s));
    const strings = part.strings.map((s) => this.strings.id(s));
    const key = this.key;
    const { keys, amounts } = part;
    for (let i = 0; i < part.size; i++) {
      const k = i * KEY_WIDTH;
      const a = i * AMOUNT_WIDTH;
      const flags = keys[k + 4]!;
      const iface = keys[k]!;
      key[0] = iface < 0 ? -1 : interfaces[iface]!;
      key[1] = flags & SRC_STRING ? strings[keys[k + 1]!]! : keys[k + 1]!;
      key[2] = flags & DST_STRING ? strings[keys[k + 2]!]! : keys[k + 2]!;
      key[3] = keys[k + 3]! < 0 ? -1 : strings[keys[k + 3]!]!;
      key[4] = flags;
      key[5] = keys[k + 5]!;
      this.fold(amounts[a]!, amounts[a + 1]!, amounts[a + 2]!, amounts[a + 3]!, amounts[a + 4]!);
    }
  }

  /** The entries as a part (fresh arrays: their buffers can be transferred); then the digest is empty. */
  take(): DigestPart {
    const keys = new Int32Array(this.count * KEY_WIDTH);
    const amounts = new Float64Array(this.count * AMOUNT_WIDTH);
    const { ints, nums, order } = this;
    // Plain loops: a subarray per entry costs more than the copy.
    for (let slot = 0; slot < this.count; slot++) {
      const k = order[slot]! * BUCKET_INTS;
      const a = order[slot]! * BUCKET_NUMS + AMOUNTS_AT;
      const kt = slot * KEY_WIDTH;
      const at = slot * AMOUNT_WIDTH;
      for (let i = 0; i < KEY_WIDTH; i++) keys[kt + i] = ints[k + i]!;
      for (let i = 0; i < AMOUNT_WIDTH; i++) amounts[at + i] = nums[a + i]!;
    }
    const part: DigestPart = {
      size: this.count,
      interfaces: this.interfaces.take(),
      strings: this.strings.take(),
      keys,
      amounts,
    };
    this.clear();
    return part;
  }

  /** Every entry, in the order its key was first met; then the digest is empty. */
  drain(each: (entry: DigestEntry) => void): void {
    const { ints: keys, nums: amounts, order } = this;
    for (let slot = 0; slot < this.count; slot++) {
      const k = order[slot]! * BUCKET_INTS;
      const a = order[slot]! * BUCKET_NUMS + AMOUNTS_AT;
      const flags = keys[k + 4]!;
      const ports = keys[k + 5]!;
      each({
        interfaceId: keys[k]! < 0 ? undefined : this.interfaces.text(keys[k]!),
        srcIp: flags & SRC_STRING ? this.strings.text(keys[k + 1]!) : ipv4Text(keys[k + 1]!),
        dstIp: flags & DST_STRING ? this.strings.text(keys[k + 2]!) : ipv4Text(keys[k + 2]!),
        vpcId: keys[k + 3]! < 0 ? undefined : this.strings.text(keys[k + 3]!),
        protocol: flags & 255,
        action: flags & REJECT ? 'REJECT' : 'ACCEPT',
        inWindow: (flags & IN_WINDOW) !== 0,
        side: SIDES[(flags >>> SIDE_SHIFT) & 3]!,
        srcPort: ports >>> 16,
        dstPort: ports & 0xffff,
        records: amounts[a]!,
        bytes: amounts[a + 1]!,
        packets: amounts[a + 2]!,
        first: amounts[a + 3]!,
        last: amounts[a + 4]!,
      });
    }
    this.interfaces.take();
    this.strings.take();
    this.clear();
  }

  private clear(): void {
    for (let slot = 0; slot < this.count; slot++) this.ints[this.order[slot]! * BUCKET_INTS + 4] = 0;
    this.count = 0;
  }

  /** Finds or makes the bucket of `this.key` and adds the amounts to it. */
  private fold(records: number, bytes: number, packets: number, first: number, last: number): void {
    const key = this.key;
    const k0 = key[0]!, k1 = key[1]!, k2 = key[2]!, k3 = key[3]!, k4 = key[4]!, k5 = key[5]!;
    const ints = this.ints;
    const nums = this.nums;
    const mask = this.capacity - 1;
    let b = hashAt(key, 0) & mask;
    for (;;) {
      const k = b * BUCKET_INTS;
      const flags = ints[k + 4]!;
      const a = b * BUCKET_NUMS + AMOUNTS_AT;
      if (flags === 0) {
        ints.set(key, k);
        nums[a] = records;
        nums[a + 1] = bytes;
        nums[a + 2] = packets;
        nums[a + 3] = first;
        nums[a + 4] = last;
        this.order[this.count++] = b;
        if (this.count * 2 >= this.capacity) this.grow();
        return;
      }
      if (flags === k4 && ints[k] === k0 && ints[k + 1] === k1 && ints[k + 2] === k2 && ints[k + 3] === k3 && ints[k + 5] === k5) {
        nums[a]! += records;
        nums[a + 1]! += bytes;
        nums[a + 2]! += packets;
        if (first < nums[a + 3]!) nums[a + 3] = first;
        if (last > nums[a + 4]!) nums[a + 4] = last;
        return;
      }
      b = (b + 1) & mask;
    }
  }

  /** Twice the buckets: every key placed again, in the same first-met order. */
  private grow(): void {
    const old = this.ints;
    const oldOrder = this.order;
    this.capacity *= 2;
    const ints = new Int32Array(this.capacity * BUCKET_INTS);
    const order = new Int32Array(this.capacity / 2);
    const mask = this.capacity - 1;
    for (let slot = 0; slot < this.count; slot++) {
      const from = oldOrder[slot]! * BUCKET_INTS;
      let b = hashAt(old, from) & mask;
      while (ints[b * BUCKET_INTS + 4] !== 0) b = (b + 1) & mask;
      const to = b * BUCKET_INTS;
      for (let i = 0; i < BUCKET_INTS; i++) ints[to + i] = old[from + i]!;
      order[slot] = b;
    }
    this.ints = ints;
    this.nums = new Float64Array(ints.buffer);
    this.order = order;
  }
}
