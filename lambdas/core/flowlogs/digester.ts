/**
 * Records to digest parts: the per-record half of learning, which needs no network model (so a worker
 * thread can run it on a file while the main thread keeps the model). Each record is checked, placed
 * in the window, oriented by its own fields and folded into a FlowDigest; the part it yields (the digest
 * and the counts of the records behind it) is merged by FlowAggregator.merge in the order the records
 * were read, which makes the result the same however the records were split into parts.
 */
import { DIGEST_KEPT, type DigestInput, type DigestPart, FlowDigest } from './digest';
import { hasPortNumbers, serviceSide } from './direction';
import type { FlowRecord } from './types';

/** The counts a part carries: the records behind it, and those the digest could not take. */
export interface PartCounts {
  records: number;
  /** NODATA / SKIPDATA records, and records without action, time, protocol or addresses. */
  skipped: number;
  outsideWindow: number;
  ambiguous: number;
}

/** One part of a learning pass: plain data, what a worker thread posts to the main thread. */
export interface FlowPart {
  readonly digest: DigestPart;
  readonly counts: PartCounts;
}

export interface DigestWindow {
  /** Unix seconds: records that end before are outside the window (rule last-seen still counts them). */
  readonly since?: number;
  /** Unix seconds: records that start after are outside the window. */
  readonly until?: number;
}

/** An IANA protocol number (what normalizeProtocol names; anything else is skipped). */
const isProtocolNumber = (p: number): boolean => p >= 0 && p <= 255 && Number.isInteger(p);

/** The text fields add never reads: a parser feeding a digester need not copy them out of the line. */
export const DIGEST_UNREAD: ReadonlySet<keyof FlowRecord> = new Set<keyof FlowRecord>([
  'accountId',
  'subnetId',
  'instanceId',
  'region',
  'azId',
  'sublocationType',
  'sublocationId',
  'pktSrcAwsService',
  'pktDstAwsService',
]);

const zero = (): PartCounts => ({ records: 0, skipped: 0, outsideWindow: 0, ambiguous: 0 });

export class FlowDigester {
  private readonly digest: FlowDigest;
  private counts = zero();
  private readonly input: DigestInput = {
    interfaceId: undefined,
    srcIp: '',
    dstIp: '',
    vpcId: undefined,
    protocol: 0,
    action: 'ACCEPT',
    inWindow: true,
    side: 'dst',
    srcPort: 0,
    dstPort: 0,
    bytes: 0,
    packets: 0,
    first: 0,
    last: 0,
  };

  /**
   * `onFull` receives a part whenever the digest holds `kept` distinct keys and one more record comes
   * (then the digest starts again); `take` gives the rest.
   */
  constructor(
    private readonly window: DigestWindow,
    /** Receives the parts a full digest gives (settable: one digester may serve file after file). */
    public onFull: (part: FlowPart) => void,
    kept: number = DIGEST_KEPT,
  ) {
    this.digest = new FlowDigest(kept);
  }

  add(record: FlowRecord): void {
    const counts = this.counts;
    counts.records += 1;
    const interfaceId = record.interfaceId;
    const first = record.start ?? record.end;
    const last = record.end ?? record.start;
    const protocol = record.protocol;
    const action = record.action;
    const srcIp = record.pktSrcAddr ?? record.srcAddr;
    const dstIp = record.pktDstAddr ?? record.dstAddr;
    if (
      (record.logStatus !== undefined && record.logStatus !== 'OK') ||
      action === undefined ||
      first === undefined ||
      last === undefined ||
      protocol === undefined ||
      !isProtocolNumber(protocol) ||
      srcIp === undefined ||
      dstIp === undefined
    ) {
      // A NODATA record still says the ENI is logged (nothing flowed): its rules can be judged.
      if (interfaceId !== undefined) this.digest.noteInterface(interfaceId);
      counts.skipped += 1;
      return;
    }
    const { since, until } = this.window;
    const inWindow = (since === undefined || last >= since) && (until === undefined || first <= until);
    if (!inWindow) counts.outsideWindow += 1;
    const ports = hasPortNumbers(protocol);
    const side = serviceSide(record);
    if (side === 'ambiguous') counts.ambiguous += 1;
    const input = this.input;
    input.interfaceId = interfaceId;
    input.srcIp = srcIp;
    input.dstIp = dstIp;
    input.vpcId = record.vpcId;
    input.protocol = protocol;
    input.action = action;
    input.inWindow = inWindow;
    input.side = side;
    input.srcPort = ports ? (record.srcPort ?? 0) : 0;
    input.dstPort = ports ? (record.dstPort ?? 0) : 0;
    input.bytes = record.bytes ?? 0;
    input.packets = record.packets ?? 0;
    input.first = first;
    input.last = last;
    if (this.digest.full) this.onFull(this.take());
    this.digest.add(input);
  }

  /** What was added since the last part; then the digester starts again. */
  take(): FlowPart {
    const part = { digest: this.digest.take(), counts: this.counts };
    this.counts = zero();
    return part;
  }
}
