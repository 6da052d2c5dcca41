import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIELDS,
  DEFAULT_FORMAT,
  FLOW_FIELDS,
  FlowFormatError,
  flowField,
  headerFields,
  parseFormat,
} from '../../../lambdas/core/flowlogs/format';
import { InputError } from '../../../lambdas/core/errors';

// The "Available fields" table of https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html:
// name, version that introduced it, Parquet data type.
const AWS_AVAILABLE_FIELDS: [string, number, string][] = [
  ['version', 2, 'INT_32'],
  ['account-id', 2, 'STRING'],
  ['interface-id', 2, 'STRING'],
  ['srcaddr', 2, 'STRING'],
  ['dstaddr', 2, 'STRING'],
  ['srcport', 2, 'INT_32'],
  ['dstport', 2, 'INT_32'],
  ['protocol', 2, 'INT_32'],
  ['packets', 2, 'INT_64'],
  ['bytes', 2, 'INT_64'],
  ['start', 2, 'INT_64'],
  ['end', 2, 'INT_64'],
  ['action', 2, 'STRING'],
  ['log-status', 2, 'STRING'],
  ['vpc-id', 3, 'STRING'],
  ['subnet-id', 3, 'STRING'],
  ['instance-id', 3, 'STRING'],
  ['tcp-flags', 3, 'INT_32'],
  ['type', 3, 'STRING'],
  ['pkt-srcaddr', 3, 'STRING'],
  ['pkt-dstaddr', 3, 'STRING'],
  ['region', 4, 'STRING'],
  ['az-id', 4, 'STRING'],
  ['sublocation-type', 4, 'STRING'],
  ['sublocation-id', 4, 'STRING'],
  ['pkt-src-aws-service', 5, 'STRING'],
  ['pkt-dst-aws-service', 5, 'STRING'],
  ['flow-direction', 5, 'STRING'],
  ['traffic-path', 5, 'INT_32'],
];

describe('flow-log field table', () => {
  it('lists the fields of versions 2-5 in the order and versions of the AWS table', () => {
    // Prepare
    const expected = AWS_AVAILABLE_FIELDS.map(([name, version]) => ({ name, version }));

    // Act
    const actual = FLOW_FIELDS.map((f) => ({ name: f.name, version: f.version }));

    // Assess
    expect(actual).toEqual(expected);
  });

  it('decodes the integer fields as numbers and the string fields as text', () => {
    for (const [name, , parquet] of AWS_AVAILABLE_FIELDS) {
      // Prepare
      const field = flowField(name)!;
      const sample = parquet === 'STRING' ? enumSample(name) : '42';

      // Act
      const value = field.decode(sample, 0, sample.length);

      // Assess
      expect(typeof value, name).toBe(parquet === 'STRING' ? 'string' : 'number');
    }
  });

  it('spells the default format as the AWS documentation does', () => {
    // Prepare: "Default format" of the flow-log-records page and create-flow-logs --log-format
    const aws =
      '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

    // Act
    const fields = parseFormat(aws);

    // Assess
    expect(DEFAULT_FORMAT).toBe(aws);
    expect(fields).toEqual([...DEFAULT_FIELDS]);
  });
});

describe('parseFormat', () => {
  it.each([
    ['${version} ${vpc-id} ${srcaddr}', ['version', 'vpc-id', 'srcaddr']],
    ['version vpc-id srcaddr', ['version', 'vpc-id', 'srcaddr']],
    ['  ${srcaddr}   ${ecs-cluster-name} ', ['srcaddr', 'ecs-cluster-name']],
  ])('reads %j as its field names, unknown ones kept', (format, expected) => {
    // Act
    const fields = parseFormat(format);

    // Assess
    expect(fields).toEqual(expected);
  });

  it.each(['', '   ', '${version} $srcaddr', '${version} {dstaddr}', 'version, srcaddr'])(
    'rejects %j as an input error naming the format',
    (format) => {
      // Act
      const act = () => parseFormat(format);

      // Assess
      expect(act).toThrow(FlowFormatError);
      expect(act).toThrow(/flow-log format/);
      expect(act).toThrow(InputError);
    },
  );
});

describe('headerFields', () => {
  it.each([
    ['version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status', 14],
    ['instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr', 6],
    ['version srcaddr ecs-cluster-arn reject-reason', 4],
  ])('recognises the header line %j', (line, count) => {
    // Act
    const fields = headerFields(line);

    // Assess
    expect(fields).toHaveLength(count);
  });

  it.each([
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    '- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5',
    'ingress eu-west-1',
    'foo bar',
  ])('does not take the record %j for a header', (line) => {
    // Act
    const fields = headerFields(line);

    // Assess
    expect(fields).toBeUndefined();
  });
});

function enumSample(name: string): string {
  const samples: Record<string, string> = {
    action: 'ACCEPT',
    'log-status': 'OK',
    type: 'IPv4',
    'flow-direction': 'egress',
  };
  return samples[name] ?? 'x-1';
}
