/**
 * VPC Flow Logs, as the engine sees them. The contract between reading (format, lines, files:
 * core/flowlogs/format.ts, parse-line.ts, adapters/files/flow-log-files.ts) and learning
 * (endpoints, direction, aggregation, proposals: core/flowlogs/*, app/learn.ts).
 *
 * Field names follow the AWS documentation ("Flow log records", versions 2-5); a field a record does
 * not carry (absent from the format, or `-` in the line) is undefined.
 */
export interface FlowRecord {
  /** version 2 */
  readonly version?: number;
  readonly accountId?: string;
  readonly interfaceId?: string;
  readonly srcAddr?: string;
  readonly dstAddr?: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** IANA protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6). */
  readonly protocol?: number;
  readonly packets?: number;
  readonly bytes?: number;
  /** Unix seconds. */
  readonly start?: number;
  readonly end?: number;
  readonly action?: 'ACCEPT' | 'REJECT';
  readonly logStatus?: 'OK' | 'NODATA' | 'SKIPDATA';
  /** version 3 */
  readonly vpcId?: string;
  readonly subnetId?: string;
  readonly instanceId?: string;
  /** Bitmask of the TCP flags seen in the aggregation interval (SYN 2, SYN-ACK 18, FIN 1, RST 4). */
  readonly tcpFlags?: number;
  readonly type?: 'IPv4' | 'IPv6' | 'EFA';
  readonly pktSrcAddr?: string;
  readonly pktDstAddr?: string;
  /** version 4 */
  readonly region?: string;
  readonly azId?: string;
  readonly sublocationType?: string;
  readonly sublocationId?: string;
  /** version 5 */
  readonly pktSrcAwsService?: string;
  readonly pktDstAwsService?: string;
  readonly flowDirection?: 'ingress' | 'egress';
  readonly trafficPath?: number;
}

/** Where a record came from: for problems and progress. */
export interface FlowSource {
  readonly file: string;
  /** 1-based line number in the (decompressed) file. */
  readonly line: number;
}

/** A line that could not be read: counted and reported, never fatal. */
export interface FlowLineProblem {
  readonly source: FlowSource;
  readonly reason: string;
}

/** One item of a flow-log read: a record, or a line that could not be read. */
export type FlowItem =
  | { readonly kind: 'record'; readonly record: FlowRecord; readonly source: FlowSource }
  | { readonly kind: 'problem'; readonly problem: FlowLineProblem };

/** How far a read has come: for a progress line with an ETA. */
export interface FlowProgress {
  readonly files: number;
  readonly filesTotal: number;
  /** Bytes read from disk (compressed bytes for .gz) out of the total size of all inputs. */
  readonly bytes: number;
  readonly bytesTotal: number;
  readonly records: number;
  readonly problems: number;
}
