// Workload changes on the 1x bench account, in its own process: a RunInstances of 10 instances x 2
// ENIs judged against instance-tag dependencies, and a ModifyManagedPrefixList referenced by 500
// rules. Usage: tsx bench/workloads.ts [count] — prints one JSON line.
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../lambdas/core/config/parse-config';
import { parseRecord } from '../lambdas/core/events/parse';
import { buildModel } from '../lambdas/core/model/build-model';
import { dependencyIndexFor } from '../lambdas/core/verdict/dependency-index';
import { judge } from '../lambdas/core/verdict/judge';
import { BASE_SIZE, generateAccount } from './generate-account';
import { rng } from './random';
import { modifyPrefixListRecord, runInstancesRecord } from './workload-records';

const count = Number(process.argv[2] ?? 500);
const r = rng(11);
const account = generateAccount(BASE_SIZE);
const PREFIX_LIST = 'pl-0bench';
const REFERENCING_RULES = 500;
const INSTANCE_DEPENDENCIES = 100;

const groups = JSON.parse(account.files.securityGroups) as { SecurityGroups: Record<string, unknown>[] };
for (let i = 0; i < REFERENCING_RULES; i++) {
  const group = groups.SecurityGroups[(i * 7) % groups.SecurityGroups.length]!;
  (group.IpPermissions as unknown[]).push({
    IpProtocol: 'tcp',
    FromPort: 22 + (i % 3),
    ToPort: 22 + (i % 3),
    IpRanges: [],
    Ipv6Ranges: [],
    UserIdGroupPairs: [],
    PrefixListIds: [{ PrefixListId: PREFIX_LIST, Description: `admin ${i}` }],
  });
}
interface BenchEni {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId: string;
  Groups: { GroupId: string }[];
  Attachment: { InstanceId: string };
}
const enis = JSON.parse(account.files.networkInterfaces) as { NetworkInterfaces: BenchEni[] };
const serviceOf = (groupId: string) => `svc-${account.groupIds.indexOf(groupId)}`;
const reservations = enis.NetworkInterfaces.map((e) => ({
  ReservationId: `r-${e.Attachment.InstanceId}`,
  Instances: [
    {
      InstanceId: e.Attachment.InstanceId,
      State: { Code: 16, Name: 'running' },
      VpcId: e.VpcId,
      SubnetId: e.SubnetId,
      Tags: [{ Key: 'Service', Value: serviceOf(e.Groups[0]!.GroupId) }],
      NetworkInterfaces: [
        {
          NetworkInterfaceId: e.NetworkInterfaceId,
          SubnetId: e.SubnetId,
          VpcId: e.VpcId,
          Groups: e.Groups,
          Attachment: { AttachmentId: `eni-attach-${e.NetworkInterfaceId}`, DeviceIndex: 0, Status: 'attached' },
        },
      ],
    },
  ],
}));
// The first 100 dependencies select their destination by instance tags instead of by group.
const converted = account.dependencies.slice(0, INSTANCE_DEPENDENCIES);
const config = parseConfig(
  account.config
    .split('\n')
    .map((line) => {
      const d = converted.find((c) => line.includes(`name: ${c.name},`));
      return d ? line.replace(`to: { groupId: ${d.to} }`, `to: { instanceTags: { Service: ${serviceOf(d.to)} } }`) : line;
    })
    .join('\n'),
  'bench.yaml',
);

const t0 = performance.now();
const model = buildModel({
  securityGroups: { file: 'describe-security-groups.json', json: groups },
  networkInterfaces: { file: 'describe-network-interfaces.json', json: enis },
  networkAcls: { file: 'describe-network-acls.json', json: JSON.parse(account.files.networkAcls) },
  instances: { file: 'describe-instances.json', json: { Reservations: reservations } },
  prefixLists: {
    file: 'describe-managed-prefix-lists.json',
    json: { PrefixLists: [{ PrefixListId: PREFIX_LIST, PrefixListName: 'admins', AddressFamily: 'IPv4', MaxEntries: 20, OwnerId: '123456789012', State: 'create-complete', Version: 1 }] },
  },
  prefixListEntries: {
    [PREFIX_LIST]: {
      file: `get-managed-prefix-list-entries/${PREFIX_LIST}.json`,
      json: { Entries: [{ Cidr: '198.51.100.0/24', Description: 'office' }, { Cidr: '203.0.113.0/24', Description: 'vpn' }] },
    },
  },
});
dependencyIndexFor(model, config);
const loadMs = performance.now() - t0;

const now = new Date('2026-11-20T12:00:00Z');
const subnets = Array.from({ length: account.subnets }, (_, s) => `subnet-${s}`);
function time(record: Record<string, unknown>, i: number): { ms: number; verdict: string; findings: number } {
  const start = performance.now();
  const verdict = judge({ event: parseRecord({ path: `$[${i}]`, record }), model, config, now });
  return { ms: performance.now() - start, verdict: verdict.verdict, findings: verdict.findings.length };
}
function stats(runs: { ms: number; verdict: string; findings: number }[]) {
  const warm = runs.slice(50).map((x) => x.ms).sort((a, b) => a - b);
  const pct = (p: number) => +warm[Math.min(warm.length - 1, Math.floor((p / 100) * warm.length))]!.toFixed(3);
  const verdicts: Record<string, number> = {};
  for (const x of runs) verdicts[x.verdict] = (verdicts[x.verdict] ?? 0) + 1;
  return { n: warm.length, p50Ms: pct(50), p90Ms: pct(90), p99Ms: pct(99), verdicts, withFindings: runs.filter((x) => x.findings > 0).length };
}

const launches = Array.from({ length: count }, (_, i) => {
  const dep = converted[i % converted.length]!;
  const stale = r.pick(account.groupIds);
  return runInstancesRecord(i, 10, { tags: { Service: serviceOf(dep.to) }, groupsByDevice: [[dep.to], [stale]], subnets }, r);
});
const runInstances = stats(launches.map(time));
const prefixChanges = Array.from({ length: count }, (_, i) =>
  modifyPrefixListRecord(i, PREFIX_LIST, i % 2 ? `192.0.${i % 250}.0/24` : `${(i % 200) + 1}.0.0.0/8`),
);
const modifyPrefixList = stats(prefixChanges.map(time));

console.log(
  JSON.stringify({
    account: { ...BASE_SIZE, instances: reservations.length, instanceDependencies: INSTANCE_DEPENDENCIES, prefixListRules: REFERENCING_RULES },
    loadMs: +loadMs.toFixed(0),
    runInstances10x2: runInstances,
    modifyPrefixList500Rules: modifyPrefixList,
  }),
);
