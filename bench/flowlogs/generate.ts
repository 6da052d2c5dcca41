// Generates VPC Flow Logs as S3 delivers them, from a snapshot's ENIs and rules: deterministic (seeded).
// Used by bench/flowlogs/read.ts, by tests of learning, and for the example flow log in examples/.
//
// Per connection allowed by a rule (a service), four records, as two flow logs on two interfaces see
// one TCP connection: on the client's ENI its request (egress) and the response (ingress), on the
// server's ENI the request (ingress) and its response (egress); the client port is ephemeral
// (32768-60999, Linux), the server port the rule's. Clients of rules open to the world come from the
// documentation ranges (203.0.113.0/24, 198.51.100.0/24) and only the server's ENI logs them.
// Connections repeat a bounded set of conversations (client, server, port; two per ENI by default):
// a client talks again and again to the few servers it uses, each time from a new ephemeral port, so
// distinct edges grow with the account, not with the records.
// A share of connections is rejected: a client tries a port no rule opens to the server's groups; the
// server's ENI logs a REJECT (ingress), and, with the default allow-all egress, the client's ENI logs
// its SYNs going out as ACCEPT (egress) — as real flow logs show a blocked connection.
// Version 5 adds tcp-flags (SYN 2 / SYN-ACK 18, with FIN 1 when the connection closed in the window),
// flow-direction and traffic-path (1: within the VPC, 8: through the internet gateway).
// Files: `<out>/AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_vpcflowlogs_<region>_
// fl-…_<YYYYMMDDTHHmmZ>_<hash>.log.gz`, one per 5-minute window, each starting with the header line.
//
//   npx tsx bench/flowlogs/generate.ts OUT [records] [version] [snapshot folder]
// writes flow logs of the example account (examples/account) by default.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { DEFAULT_FIELDS, FLOW_FIELDS } from '../../lambdas/core/flowlogs/format';
import { rng, type Rng } from '../random';
import type { FlowEni, FlowService, FlowTopology } from './topology';

export type { FlowEni, FlowService, FlowTopology } from './topology';
export { topologyFromDescribe, topologyFromSnapshot } from './topology';

const gzip = promisify(gzipCallback);

export interface GenerateFlowLogsOptions {
  readonly topology: FlowTopology;
  /** The folder to write to (created). */
  readonly out: string;
  /** About how many records (whole connections are written). Default 10,000. */
  readonly records?: number;
  readonly seed?: number;
  /** 2: the default format; 5: every field of versions 2-5 in the documented order. Default 2. */
  readonly version?: 2 | 5;
  /** Records per file (one file per 5-minute window). Default 100,000. */
  readonly recordsPerFile?: number;
  /** Share of connections rejected. Default 0.05. */
  readonly rejectShare?: number;
  /** Unix seconds of the first window. Default 2026-11-30T00:00:00Z. */
  readonly start?: number;
  /** Write `.log.gz` (default) or plain `.log`. */
  readonly gzip?: boolean;
  /**
   * Distinct conversations (client, server, port, action), drawn once and then repeated: as in a real
   * account, a client talks again and again to the few servers it uses (each connection with a new
   * ephemeral port). Default: two per ENI of the topology.
   */
  readonly conversations?: number;
}

/** One kind of connection the files hold: client ENI (or world address) to server ENI and port. */
export interface GeneratedConnection {
  /** The client's ENI id, or `world` for a client on the internet. */
  readonly client: string;
  readonly server: string;
  readonly protocol: number;
  readonly port: number;
  readonly action: 'ACCEPT' | 'REJECT';
  connections: number;
}

export interface GeneratedFlowLogs {
  readonly files: string[];
  records: number;
  /** The field names of the header line. */
  readonly fields: readonly string[];
  /** Ground truth: every (client, server, protocol, port) generated, accepted or rejected. */
  readonly connections: GeneratedConnection[];
}

const WINDOW = 300;
const REJECT_PORTS = [22, 3389, 3306, 5432, 9200, 27017, 6379, 8080];
const V5_FIELDS = FLOW_FIELDS.map((f) => f.name);

export async function generateFlowLogs(options: GenerateFlowLogsOptions): Promise<GeneratedFlowLogs> {
  const { topology } = options;
  const r = rng(options.seed ?? 1);
  const target = options.records ?? 10_000;
  const perFile = options.recordsPerFile ?? 100_000;
  const version = options.version ?? 2;
  const fields = version === 5 ? V5_FIELDS : DEFAULT_FIELDS;
  const servers = serviceEnds(topology);
  if (servers.length === 0) throw new Error('generateFlowLogs: the topology has no service with ENIs on both ends');
  const open = openPorts(topology);
  const truth = new Map<string, GeneratedConnection>();
  const result: GeneratedFlowLogs = { files: [], records: 0, fields, connections: [] };
  let window = options.start ?? Date.UTC(2026, 10, 30) / 1000;
  const pending: Promise<void>[] = [];
  const conversations = Array.from({ length: Math.max(1, options.conversations ?? 2 * topology.enis.length) }, () =>
    connection(r, open, servers, options.rejectShare ?? 0.05),
  );
  while (result.records < target) {
    const lines: string[] = [fields.join(' ')];
    const budget = Math.min(perFile, target - result.records);
    let written = 0;
    while (written < budget) {
      const c = r.pick(conversations);
      const key = `${c.client} ${c.server.id} ${c.port} ${c.action}`;
      const seen = truth.get(key);
      if (seen) seen.connections++;
      else
        truth.set(key, {
          client: c.client,
          server: c.server.id,
          protocol: 6,
          port: c.port,
          action: c.action,
          connections: 1,
        });
      for (const rec of records(r, c, window)) {
        lines.push(version === 5 ? v5(rec, topology) : v2(rec));
        written++;
      }
      if (r.int(1, 5000) === 1) lines.push(noData(r.pick(topology.enis), window, version, topology));
    }
    result.records += written;
    const file = fileName(options.out, topology, window, r, options.gzip !== false);
    result.files.push(file);
    pending.push(write(file, lines.join('\n') + '\n', options.gzip !== false));
    if (pending.length >= 2) await pending.shift();
    window += WINDOW;
  }
  await Promise.all(pending);
  for (const c of truth.values()) result.connections.push(c);
  return result;
}

interface Connection {
  readonly client: string;
  readonly clientAddress: string;
  readonly clientEni?: FlowEni;
  readonly server: FlowEni;
  readonly port: number;
  readonly action: 'ACCEPT' | 'REJECT';
}

interface ServiceEnds {
  readonly service: FlowService;
  readonly clients: readonly FlowEni[];
  readonly servers: readonly FlowEni[];
}

function serviceEnds(topology: FlowTopology): ServiceEnds[] {
  const members = new Map<string, FlowEni[]>();
  for (const eni of topology.enis)
    for (const g of eni.groupIds) {
      const list = members.get(g);
      if (list) list.push(eni);
      else members.set(g, [eni]);
    }
  const withGroup = (groupId: string) => members.get(groupId) ?? [];
  return topology.services
    .map((service) => ({
      service,
      clients: 'groupId' in service.from ? withGroup(service.from.groupId) : [],
      servers: withGroup(service.toGroupId),
    }))
    .filter((s) => s.servers.length > 0 && ('world' in s.service.from || s.clients.length > 0));
}

/** The service ports open to each group: a rejected connection tries another one. */
function openPorts(topology: FlowTopology): Map<string, Set<number>> {
  const open = new Map<string, Set<number>>();
  for (const s of topology.services) {
    const ports = open.get(s.toGroupId);
    if (ports) ports.add(s.port);
    else open.set(s.toGroupId, new Set([s.port]));
  }
  return open;
}

function connection(r: Rng, open: Map<string, Set<number>>, ends: ServiceEnds[], rejectShare: number): Connection {
  const { service, clients, servers } = r.pick(ends);
  const server = r.pick(servers);
  let clientEni = clients.length > 0 ? r.pick(clients) : undefined;
  // A self-referencing rule: a member talks to another member, not to itself.
  for (let tries = 0; clientEni === server && tries < 8; tries++) clientEni = r.pick(clients);
  const clientAddress = clientEni?.address ?? `${r.pick(['203.0.113', '198.51.100'])}.${r.int(1, 254)}`;
  const client = clientEni?.id ?? 'world';
  if (r.next() >= rejectShare)
    return { client, clientAddress, clientEni, server, port: service.port, action: 'ACCEPT' };
  const closed = REJECT_PORTS.filter((p) => !server.groupIds.some((g) => open.get(g)?.has(p)));
  const port = closed.length > 0 ? r.pick(closed) : 1;
  return { client, clientAddress, clientEni, server, port, action: 'REJECT' };
}

interface Rec {
  readonly eni: FlowEni;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly packets: number;
  readonly bytes: number;
  readonly start: number;
  readonly end: number;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly flags: number;
  readonly direction: 'ingress' | 'egress';
  readonly path: string;
}

function records(r: Rng, c: Connection, window: number): Rec[] {
  const start = window + r.int(0, WINDOW - 61);
  const end = start + r.int(1, 60);
  const ephemeral = r.int(32768, 60999);
  const closed = r.next() < 0.7 ? 1 : 0;
  const reqPackets = r.int(3, 40);
  const request = { src: c.clientAddress, dst: c.server.address, srcPort: ephemeral, dstPort: c.port, start, end };
  const response = { src: c.server.address, dst: c.clientAddress, srcPort: c.port, dstPort: ephemeral, start, end };
  const out: Rec[] = [];
  if (c.action === 'REJECT') {
    const packets = r.int(1, 3);
    const syn = { ...request, packets, bytes: packets * 60, flags: 2 };
    if (c.clientEni) out.push({ ...syn, eni: c.clientEni, action: 'ACCEPT', direction: 'egress', path: '1' });
    out.push({ ...syn, eni: c.server, action: 'REJECT', direction: 'ingress', path: '-' });
    return out;
  }
  const req = { ...request, packets: reqPackets, bytes: reqPackets * r.int(60, 900), flags: 2 | closed };
  const resPackets = r.int(3, 60);
  const res = { ...response, packets: resPackets, bytes: resPackets * r.int(60, 1400), flags: 18 | closed };
  const accept = 'ACCEPT' as const;
  const outPath = c.clientEni ? '1' : '8';
  if (c.clientEni) {
    out.push({ ...req, eni: c.clientEni, action: accept, direction: 'egress', path: '1' });
    out.push({ ...res, eni: c.clientEni, action: accept, direction: 'ingress', path: '-' });
  }
  out.push({ ...req, eni: c.server, action: accept, direction: 'ingress', path: '-' });
  out.push({ ...res, eni: c.server, action: accept, direction: 'egress', path: outPath });
  return out;
}

const v2 = (x: Rec) =>
  `2 ${x.eni.accountId} ${x.eni.id} ${x.src} ${x.dst} ${x.srcPort} ${x.dstPort} 6 ${x.packets} ${x.bytes} ${x.start} ${x.end} ${x.action} OK`;

const v5 = (x: Rec, t: FlowTopology) =>
  `5 ${x.eni.accountId} ${x.eni.id} ${x.src} ${x.dst} ${x.srcPort} ${x.dstPort} 6 ${x.packets} ${x.bytes} ${x.start} ${x.end} ${x.action} OK ` +
  `${x.eni.vpcId} ${x.eni.subnetId} ${x.eni.instanceId ?? '-'} ${x.flags} IPv4 ${x.src} ${x.dst} ${t.region} ${azId(x.eni, t)} - - - - ${x.direction} ${x.path}`;

function noData(eni: FlowEni, window: number, version: 2 | 5, t: FlowTopology): string {
  const v2Part = `${version} ${eni.accountId} ${eni.id} - - - - - - - ${window} ${window + 59} - NODATA`;
  return version === 2
    ? v2Part
    : `${v2Part} ${eni.vpcId} ${eni.subnetId} ${eni.instanceId ?? '-'} - - - - ${t.region} ${azId(eni, t)} - - - - - -`;
}

/** An AZ id as AWS prints them (`euw1-az1`): region initials + digit, then the zone letter's number. */
function azId(eni: FlowEni, t: FlowTopology): string {
  const [area = 'x', side = 'x', n = '1'] = t.region.split('-');
  const letter = eni.availabilityZone?.slice(-1) ?? 'a';
  return `${area}${side[0]}${n}-az${letter.charCodeAt(0) - 96}`;
}

function fileName(out: string, t: FlowTopology, window: number, r: Rng, gzipped: boolean): string {
  const d = new Date(window * 1000).toISOString();
  const stamp = `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
  const hash = r.int(0, 0xffffffff).toString(16).padStart(8, '0');
  const dir = join(out, 'AWSLogs', t.accountId, 'vpcflowlogs', t.region, d.slice(0, 4), d.slice(5, 7), d.slice(8, 10));
  return join(dir, `${t.accountId}_vpcflowlogs_${t.region}_fl-0a1b2c3d4e5f60718_${stamp}_${hash}.log${gzipped ? '.gz' : ''}`);
}

async function write(file: string, text: string, gzipped: boolean): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, gzipped ? await gzip(text) : text);
}

if (process.argv[1]?.endsWith('generate.ts') && process.argv[2]) {
  const [out = '', records = '2000', version = '2', snapshot = 'examples/account'] = process.argv.slice(2);
  const { topologyFromSnapshot } = await import('./topology');
  const generated = await generateFlowLogs({
    topology: await topologyFromSnapshot(snapshot),
    out,
    records: Number(records),
    version: Number(version) === 5 ? 5 : 2,
  });
  console.log(`${generated.records} records in ${generated.files.length} files under ${out}`);
}
