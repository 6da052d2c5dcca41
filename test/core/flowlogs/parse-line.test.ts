import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerFields, parseFormat } from '../../../lambdas/core/flowlogs/format';
import { isLineFailure, makeLineParser } from '../../../lambdas/core/flowlogs/parse-line';

const FIXTURES = join(__dirname, '../../fixtures/flowlogs');
/** A fixture's header fields and record lines (sources: test/fixtures/flowlogs/README.md). */
function fixture(path: string): { fields: string[]; lines: string[] } {
  const [header, ...lines] = readFileSync(join(FIXTURES, path), 'utf8').trimEnd().split('\n');
  return { fields: headerFields(header!)!, lines };
}
const S3_DEFAULT =
  's3/AWSLogs/123456789010/vpcflowlogs/us-east-1/2014/12/14/123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20141214T0400Z_fe123456.log';

describe('makeLineParser on the AWS documentation examples', () => {
  it('reads the default-format (version 2) examples to their records', () => {
    // Prepare
    const { lines } = fixture(S3_DEFAULT);
    const parse = makeLineParser();
    const eni = 'eni-1235b8ca123456789';
    const v2 = { version: 2, accountId: '123456789010' };

    // Act
    const records = lines.map(parse);

    // Assess
    expect(records).toEqual([
      { ...v2, interfaceId: eni, srcAddr: '172.31.16.139', dstAddr: '172.31.16.21', srcPort: 20641, dstPort: 22, protocol: 6, packets: 20, bytes: 4249, start: 1418530010, end: 1418530070, action: 'ACCEPT', logStatus: 'OK' },
      { ...v2, interfaceId: eni, srcAddr: '172.31.9.69', dstAddr: '172.31.9.12', srcPort: 49761, dstPort: 3389, protocol: 6, packets: 20, bytes: 4249, start: 1418530010, end: 1418530070, action: 'REJECT', logStatus: 'OK' },
      { ...v2, interfaceId: eni, start: 1431280876, end: 1431280934, logStatus: 'NODATA' },
      { ...v2, interfaceId: 'eni-11111111aaaaaaaaa', start: 1431280876, end: 1431280934, logStatus: 'SKIPDATA' },
      { ...v2, interfaceId: eni, srcAddr: '203.0.113.12', dstAddr: '172.31.16.139', srcPort: 0, dstPort: 0, protocol: 1, packets: 4, bytes: 336, start: 1432917027, end: 1432917142, action: 'ACCEPT', logStatus: 'OK' },
      { ...v2, interfaceId: eni, srcAddr: '172.31.16.139', dstAddr: '203.0.113.12', srcPort: 0, dstPort: 0, protocol: 1, packets: 4, bytes: 336, start: 1432917094, end: 1432917142, action: 'REJECT', logStatus: 'OK' },
      { ...v2, interfaceId: eni, srcAddr: '2001:db8:1234:a100:8d6e:3477:df66:f105', dstAddr: '2001:db8:1234:a102:3304:8879:34cf:4071', srcPort: 34892, dstPort: 22, protocol: 6, packets: 54, bytes: 8855, start: 1477913708, end: 1477913820, action: 'ACCEPT', logStatus: 'OK' },
    ]);
  });

  it('reads a version-3 custom format in its own field order, tcp-flags included', () => {
    // Prepare
    const { fields, lines } = fixture('custom/tcp-flags-v3.log');

    // Act
    const records = lines.map(makeLineParser(fields));

    // Assess
    expect(records[0]).toEqual({
      version: 3,
      vpcId: 'vpc-abcdefab012345678',
      subnetId: 'subnet-aaaaaaaa012345678',
      instanceId: 'i-01234567890123456',
      interfaceId: 'eni-1235b8ca123456789',
      accountId: '123456789010',
      type: 'IPv4',
      srcAddr: '52.213.180.42',
      dstAddr: '10.0.0.62',
      srcPort: 43416,
      dstPort: 5001,
      pktSrcAddr: '52.213.180.42',
      pktDstAddr: '10.0.0.62',
      protocol: 6,
      bytes: 568,
      packets: 8,
      start: 1566848875,
      end: 1566848933,
      action: 'ACCEPT',
      tcpFlags: 2,
      logStatus: 'OK',
    });
    expect(records.map((r) => ('tcpFlags' in r ? r.tcpFlags : r))).toEqual([2, 18, 3, 19]);
  });

  it('keeps pkt-srcaddr apart from srcaddr and leaves a `-` instance-id undefined (transit gateway)', () => {
    // Prepare
    const { fields, lines } = fixture('custom/transit-gateway-v3.log');

    // Act
    const record = makeLineParser(fields)(lines[1]!);

    // Assess
    expect(record).toMatchObject({ interfaceId: 'eni-11111111111111111', srcAddr: '10.40.1.175', pktSrcAddr: '10.20.33.164' });
    expect(record).not.toHaveProperty('instanceId');
  });

  it('reads a format without version, account or action (NAT gateway)', () => {
    // Prepare
    const { fields, lines } = fixture('custom/nat-gateway.log');

    // Act
    const records = lines.map(makeLineParser(fields));

    // Assess
    expect(records).toEqual([
      { interfaceId: 'eni-1235b8ca123456789', srcAddr: '10.0.1.5', dstAddr: '10.0.0.220', pktSrcAddr: '10.0.1.5', pktDstAddr: '203.0.113.5' },
      { interfaceId: 'eni-1235b8ca123456789', srcAddr: '10.0.0.220', dstAddr: '10.0.1.5', pktSrcAddr: '203.0.113.5', pktDstAddr: '10.0.1.5' },
    ]);
  });

  it('reads the version-5 example with its version-4 fields, service names, traffic path and direction', () => {
    // Prepare
    const { fields, lines } = fixture('custom/service-path-v5.log');

    // Act
    const [ingress, egress] = lines.map(makeLineParser(fields));

    // Assess
    expect(ingress).toMatchObject({ version: 5, region: 'ap-southeast-2', azId: 'apse2-az3', pktSrcAwsService: 'S3', flowDirection: 'ingress', tcpFlags: 19 });
    expect(ingress).not.toHaveProperty('trafficPath');
    expect(ingress).not.toHaveProperty('sublocationType');
    expect(egress).toMatchObject({ pktDstAwsService: 'S3', trafficPath: 8, flowDirection: 'egress', packets: 7, bytes: 471 });
  });
});

describe('makeLineParser on other lines', () => {
  it('skips the values of fields it does not know', () => {
    // Prepare
    const parse = makeLineParser(parseFormat('${srcaddr} ${ecs-cluster-name} ${reject-reason} ${dstport}'));

    // Act
    const record = parse('10.0.0.1 prod BPA 443');

    // Assess
    expect(record).toEqual({ srcAddr: '10.0.0.1', dstPort: 443 });
  });

  it('ignores a trailing carriage return and runs of spaces', () => {
    // Prepare
    const parse = makeLineParser(['srcaddr', 'dstport', 'action']);

    // Act
    const record = parse('10.0.0.1   443 REJECT\r');

    // Assess
    expect(record).toEqual({ srcAddr: '10.0.0.1', dstPort: 443, action: 'REJECT' });
  });

  it('skips the timestamp CloudWatch Logs puts before each exported record', () => {
    // Prepare
    const parse = makeLineParser(undefined, { timestamped: true });

    // Act
    const record = parse('2014-12-14T04:07:50.000Z 2 123456789010 eni-1 10.0.0.1 10.0.0.2 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK');

    // Assess
    expect(record).toMatchObject({ version: 2, srcAddr: '10.0.0.1', dstPort: 22, action: 'ACCEPT' });
  });

  const V2 = '2 123456789010 eni-1 10.0.0.1 10.0.0.2 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';
  it.each([
    [`${V2} extra`, '15 fields, the format has 14'],
    ['2 123456789010 eni-1 10.0.0.1', '4 fields, the format has 14'],
    [V2.replace('20641', '2064x'), 'srcport "2064x" is not a port (0-65535)'],
    [V2.replace('20641', '65536'), 'srcport "65536" is not a port (0-65535)'],
    [V2.replace(' 6 20 ', ' 6 -20 '), 'packets "-20" is not a packet count'],
    [V2.replace('ACCEPT', 'ALLOW'), 'action "ALLOW" is not ACCEPT or REJECT'],
    [V2.replace('ACCEPT', 'accept'), 'action "accept" is not ACCEPT or REJECT'],
    [V2.replace(' OK', ' FINE'), 'log-status "FINE" is not OK, NODATA or SKIPDATA'],
    [V2.replace(' 6 ', ' 256 '), 'protocol "256" is not an IANA protocol number (0-255)'],
    ['', '0 fields, the format has 14'],
  ])('gives a reason for the malformed line %j', (line, reason) => {
    // Act
    const result = makeLineParser()(line);

    // Assess
    expect(isLineFailure(result)).toBe(true);
    expect(result).toEqual({ reason });
  });

  it('says so when an exported line has no timestamp before the record', () => {
    // Act
    const result = makeLineParser(undefined, { timestamped: true })('2');

    // Assess
    expect(result).toEqual({ reason: 'no timestamp before the record (CloudWatch Logs export)' });
  });
});
