// Writes examples/flow-logs: VPC Flow Logs (version 5, S3 delivery layout, gzipped, header line) of the
// example account (examples/account) on 2026-11-20 from 03:30 to 03:45 UTC.
// - 03:30-03:40: background traffic from bench/flowlogs/generate.ts (the declared dependencies, their
//   return traffic, world clients on nginx 80/443, a few connection attempts to closed ports).
// - 03:40-03:45: the incident of examples/events/01-revoke-8080-from-nginx.json: alice revokes backend's
//   8080 rule from nginx at 03:42:05; nginx keeps proxying, and from 03:42:09 its SYNs to backend:8080
//   leave nginx (ACCEPT, egress) and are rejected on the backend ENIs (REJECT, ingress).
// Record layout: the AWS "Flow log records" documentation (available fields, versions 2-5, and the
// examples of accepted and rejected traffic); see examples/flow-logs/README.md.
// Run: npx tsx scripts/make-example-flow-logs.ts
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateFlowLogs, topologyFromSnapshot } from '../bench/flowlogs/generate';
import { FLOW_FIELDS } from '../lambdas/core/flowlogs/format';

const OUT = 'examples/flow-logs';
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const T = (hms: string) => Date.parse(`2026-11-20T${hms}Z`) / 1000;

interface Side {
  readonly eni: string;
  readonly ip: string;
  readonly subnet: string;
  readonly instance: string;
}
const NGINX: Side[] = [
  { eni: 'eni-0nginx1a', ip: '10.0.1.10', subnet: 'subnet-0web1', instance: 'i-0nginx1' },
  { eni: 'eni-0nginx2a', ip: '10.0.1.11', subnet: 'subnet-0web1', instance: 'i-0nginx2' },
];
const BACKEND: Side[] = [
  { eni: 'eni-0backend1a', ip: '10.0.2.10', subnet: 'subnet-0app1', instance: 'i-0backend1' },
  { eni: 'eni-0backend2a', ip: '10.0.2.20', subnet: 'subnet-0app1', instance: 'i-0backend2' },
  { eni: 'eni-0backend2b', ip: '10.0.2.21', subnet: 'subnet-0app1', instance: 'i-0backend2' },
];

function line(on: Side, src: Side, dst: Side, sport: number, dport: number, start: number, action: string, flags: number, dir: string, packets: number, bytes: number): string {
  const az = 'euw1-az1';
  return [5, ACCOUNT, on.eni, src.ip, dst.ip, sport, dport, 6, packets, bytes, start, start + 59, action, 'OK',
    'vpc-0demo1a2b3c4d5e6', on.subnet, on.instance, flags, 'IPv4', src.ip, dst.ip, REGION, az, '-', '-', '-', '-', dir, dir === 'egress' ? 1 : '-'].join(' ');
}

/** 03:40-03:45: nginx -> backend:8080 accepted until the revoke at 03:42:05, rejected from 03:42:09. */
function incident(): string[] {
  const lines = [FLOW_FIELDS.map((f) => f.name).join(' ')];
  let port = 41000;
  for (const start of [T('03:40:09'), T('03:41:09')])
    for (const client of NGINX)
      for (const server of BACKEND) {
        port += 7;
        lines.push(line(client, client, server, port, 8080, start, 'ACCEPT', 3, 'egress', 12, 2400));
        lines.push(line(client, server, client, 8080, port, start, 'ACCEPT', 19, 'ingress', 10, 9800));
        lines.push(line(server, client, server, port, 8080, start, 'ACCEPT', 3, 'ingress', 12, 2400));
        lines.push(line(server, server, client, 8080, port, start, 'ACCEPT', 19, 'egress', 10, 9800));
      }
  for (const start of [T('03:42:09'), T('03:43:09'), T('03:44:09')])
    for (const client of NGINX)
      for (const server of BACKEND) {
        port += 7;
        lines.push(line(client, client, server, port, 8080, start, 'ACCEPT', 2, 'egress', 3, 180));
        lines.push(line(server, client, server, port, 8080, start, 'REJECT', 2, 'ingress', 3, 180));
      }
  return lines;
}

await rm(OUT, { recursive: true, force: true });
const generated = await generateFlowLogs({
  topology: await topologyFromSnapshot('examples/account', REGION),
  out: OUT,
  records: 1200,
  recordsPerFile: 600,
  seed: 20261120,
  version: 5,
  rejectShare: 0.03,
  start: T('03:30:00'),
});
const dir = join(OUT, 'AWSLogs', ACCOUNT, 'vpcflowlogs', REGION, '2026', '11', '20');
await mkdir(dir, { recursive: true });
const file = join(dir, `${ACCOUNT}_vpcflowlogs_${REGION}_fl-0a1b2c3d4e5f60718_20261120T0340Z_5e1d2c3b.log.gz`);
const lines = incident();
await writeFile(file, gzipSync(`${lines.join('\n')}\n`));
console.log(`${generated.records + lines.length - 1} records in ${generated.files.length + 1} files under ${OUT}`);
