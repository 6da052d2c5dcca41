/**
 * The VPC Flow Logs record format, versions 2-5, as the AWS documentation lists it ("Flow log records",
 * "Available fields": https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html): each
 * field's name, the version that introduced it, the `FlowRecord` property it fills and how its text is
 * decoded. The table keeps the documented order; the default format is its version-2 fields in that
 * order. Fields of later versions (ecs-*, reject-reason, …) are not in the table: a format naming them
 * is accepted and their values are skipped.
 */
import { InputError } from '../errors';
import type { FlowRecord } from './types';

/** A decoded value, or INVALID when the text is not of the field's type. */
export const INVALID: unique symbol = Symbol('invalid');
export type Decoded = string | number | typeof INVALID;
/**
 * Decodes one field: the text of `line` from `start` to `end` (exclusive), never `-` (missing values are
 * handled before). Positions rather than a substring so that numbers are read without allocating.
 */
export type Decoder = (line: string, start: number, end: number) => Decoded;

export interface FlowField {
  /** The name in a custom format (`${name}`) and in an S3 file's header line. */
  readonly name: string;
  /** The flow-log version that introduced it. */
  readonly version: 2 | 3 | 4 | 5;
  readonly property: keyof FlowRecord;
  readonly decode: Decoder;
  /** What a bad value is said to be, in a problem's reason. */
  readonly expected: string;
}

/** A non-negative decimal integer of at most `max`, read without a regular expression (hot path). */
function integer(max: number): Decoder {
  return (line, start, end) => {
    if (end <= start || end - start > 20) return INVALID;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = line.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return INVALID;
      value = value * 10 + digit;
    }
    return value > max ? INVALID : value;
  };
}

function oneOf(...values: readonly string[]): Decoder {
  // The table's own string is returned, not a slice of the line: a kept record holds no line.
  return (line, start, end) => {
    const length = end - start;
    for (const value of values) if (value.length === length && line.startsWith(value, start)) return value;
    return INVALID;
  };
}

const text: Decoder = (line, start, end) => line.slice(start, end);

/** Whether a field is free text (never invalid): skipping it changes no line's validity. */
export const isTextField = (field: FlowField): boolean => field.decode === text;

const U8 = 255;
const U16 = 65_535;
const U32 = 4_294_967_295;
const INT64 = Number.MAX_SAFE_INTEGER;

const field = (
  name: string,
  version: FlowField['version'],
  property: keyof FlowRecord,
  decode: Decoder,
  expected: string,
): FlowField => ({ name, version, property, decode, expected });

/** Every field of versions 2-5, in the order of the AWS "Available fields" table. */
export const FLOW_FIELDS: readonly FlowField[] = [
  field('version', 2, 'version', integer(U8), 'a version number'),
  field('account-id', 2, 'accountId', text, 'an account id'),
  field('interface-id', 2, 'interfaceId', text, 'an interface id'),
  field('srcaddr', 2, 'srcAddr', text, 'an address'),
  field('dstaddr', 2, 'dstAddr', text, 'an address'),
  field('srcport', 2, 'srcPort', integer(U16), 'a port (0-65535)'),
  field('dstport', 2, 'dstPort', integer(U16), 'a port (0-65535)'),
  field('protocol', 2, 'protocol', integer(U8), 'an IANA protocol number (0-255)'),
  field('packets', 2, 'packets', integer(INT64), 'a packet count'),
  field('bytes', 2, 'bytes', integer(INT64), 'a byte count'),
  field('start', 2, 'start', integer(INT64), 'a time in Unix seconds'),
  field('end', 2, 'end', integer(INT64), 'a time in Unix seconds'),
  field('action', 2, 'action', oneOf('ACCEPT', 'REJECT'), 'ACCEPT or REJECT'),
  field('log-status', 2, 'logStatus', oneOf('OK', 'NODATA', 'SKIPDATA'), 'OK, NODATA or SKIPDATA'),
  field('vpc-id', 3, 'vpcId', text, 'a VPC id'),
  field('subnet-id', 3, 'subnetId', text, 'a subnet id'),
  field('instance-id', 3, 'instanceId', text, 'an instance id'),
  field('tcp-flags', 3, 'tcpFlags', integer(U32), 'a TCP flags bitmask'),
  field('type', 3, 'type', oneOf('IPv4', 'IPv6', 'EFA'), 'IPv4, IPv6 or EFA'),
  field('pkt-srcaddr', 3, 'pktSrcAddr', text, 'an address'),
  field('pkt-dstaddr', 3, 'pktDstAddr', text, 'an address'),
  field('region', 4, 'region', text, 'a Region'),
  field('az-id', 4, 'azId', text, 'an Availability Zone id'),
  field('sublocation-type', 4, 'sublocationType', text, 'a sublocation type'),
  field('sublocation-id', 4, 'sublocationId', text, 'a sublocation id'),
  field('pkt-src-aws-service', 5, 'pktSrcAwsService', text, 'an AWS service name'),
  field('pkt-dst-aws-service', 5, 'pktDstAwsService', text, 'an AWS service name'),
  field('flow-direction', 5, 'flowDirection', oneOf('ingress', 'egress'), 'ingress or egress'),
  field('traffic-path', 5, 'trafficPath', integer(U8), 'a traffic path number'),
];

const BY_NAME = new Map(FLOW_FIELDS.map((f) => [f.name, f]));

/** The field of that name, or undefined for a name this reader does not know (its values are skipped). */
export function flowField(name: string): FlowField | undefined {
  return BY_NAME.get(name);
}

/** The version-2 fields in the documented order: what a flow log with the AWS default format holds. */
export const DEFAULT_FIELDS: readonly string[] = FLOW_FIELDS.filter((f) => f.version === 2).map((f) => f.name);

/** The default format as `aws ec2 create-flow-logs --log-format` spells it. */
export const DEFAULT_FORMAT: string = DEFAULT_FIELDS.map((name) => `\${${name}}`).join(' ');

export class FlowFormatError extends InputError {
  override readonly name = 'FlowFormatError';
}

const FIELD_NAME = /^[a-z][a-z0-9-]*$/;
const PLACEHOLDER = /^\$\{([a-z][a-z0-9-]*)\}$/;

/**
 * The field names of a format: a `--log-format` string (`${version} ${vpc-id} …`) or a header line
 * (`version vpc-id …`). Names this reader does not know are kept (their values are skipped).
 */
export function parseFormat(format: string): string[] {
  const tokens = format.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw new FlowFormatError('flow-log format: empty; give fields as `${version} ${srcaddr} …`');
  return tokens.map((token) => {
    const name = PLACEHOLDER.exec(token)?.[1] ?? (FIELD_NAME.test(token) ? token : undefined);
    if (name === undefined)
      throw new FlowFormatError(
        `flow-log format: "${token}" is not a field; give fields as \`\${version} \${srcaddr} …\` (see the VPC Flow Logs "Available fields")`,
      );
    return name;
  });
}

/**
 * Whether a file's first line is a header line (S3 delivery writes one naming the fields): every token a
 * field name, at least one of them a field this reader knows. A record never passes (its values hold
 * digits, dots or upper case).
 */
export function headerFields(line: string): string[] | undefined {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length === 0 || !tokens.every((t) => FIELD_NAME.test(t))) return undefined;
  return tokens.some((t) => BY_NAME.has(t)) ? tokens : undefined;
}
