import type { NetworkInterface, Protocol } from '../model/types';
import type { Layer, LayerResult, PairResult, PortRange } from '../verdict/types';

/** One (source ENI, destination ENI) pair to judge. */
export interface EniPair {
  readonly sourceEniId: string;
  readonly destinationEniId: string;
}

/** The traffic a dependency needs: `port` only for tcp/udp. Protocol normalised ('-1' for all). */
export interface Traffic {
  readonly protocol: Protocol;
  readonly port?: number;
}

/** One side of a pair as the layers see it. */
export interface Endpoint {
  readonly eni: NetworkInterface;
  /** Primary private IPv4 (IPv6 only when the ENI has no IPv4). */
  readonly ip: string;
}

/** Why a layer blocked, in the terms a fix needs. */
export type Block =
  | {
      readonly layer: Extract<Layer, 'sg-egress' | 'sg-ingress'>;
      readonly source: Endpoint;
      readonly destination: Endpoint;
    }
  | {
      readonly layer: Extract<Layer, 'nacl-outbound' | 'nacl-inbound' | 'nacl-return'>;
      readonly naclId: string;
      readonly egress: boolean;
      /** Lowest explicit deny entry that blocked; undefined when only the default deny did. */
      readonly denyRuleNumber?: number;
      readonly peerIp: string;
      /** Ports to allow (the dependency port, or 1024-65535 for return traffic); undefined without ports. */
      readonly ports?: PortRange;
    };

/** A layer's result plus the facts a fix needs when it blocked. */
export interface LayerOutcome {
  readonly result: LayerResult;
  readonly blocks: readonly Block[];
}

export interface PairOutcome {
  readonly result: PairResult;
  readonly blocks: readonly Block[];
}
