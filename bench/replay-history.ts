// Generates a CloudTrail history as S3 holds it, for bench/replay.ts: deterministic (seeded PRNG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { generateAccount } from './generate-account';
import { rng } from './random';

type Account = ReturnType<typeof generateAccount>;
type Rng = ReturnType<typeof rng>;

const HOME = '123456789012';
const OTHER = '210987654321';
/** (account, region) streams; only the first carries changes to the snapshot's groups. */
const STREAMS = [
  { account: HOME, region: 'eu-west-1' },
  { account: HOME, region: 'us-east-1' },
  { account: OTHER, region: 'eu-west-1' },
] as const;
const FILE_EVERY_MS = 5 * 60_000;
const START = Date.UTC(2026, 9, 1);

/**
 * The mix, per record: `supported` SG/NACL/ENI calls (0.1 % by default, generous for a real account),
 * 20 % other EC2 calls (Describe*, same eventSource: only the name filter rejects them), the rest
 * other services (STS AssumeRole, KMS Decrypt, S3 bucket reads, CloudWatch Logs, SSM).
 */
export const OTHER_EC2 = 0.2;

export interface HistoryStats {
  records: number;
  supported: number;
  files: number;
  gzFiles: number;
  bytes: number;
  gzBytes: number;
}

/** Writes about `records` records under `dir`/AWSLogs/...; 80 % of files gzipped, 20 % plain JSON. */
export function writeHistory(
  dir: string,
  account: Account,
  records: number,
  supported = 0.001,
  seed = 11,
): HistoryStats {
  const r = rng(seed);
  const stats: HistoryStats = { records: 0, supported: 0, files: 0, gzFiles: 0, bytes: 0, gzBytes: 0 };
  const perFile = 330;
  const rounds = Math.ceil(records / perFile / STREAMS.length);
  const changes = changeMaker(account, r);
  for (let round = 0; round < rounds; round++) {
    const delivery = START + (round + 1) * FILE_EVERY_MS;
    for (const stream of STREAMS) {
      const n = Math.min(records - stats.records, r.int(perFile / 2, perFile * 1.5));
      if (n <= 0) break;
      const batch = Array.from({ length: n }, (_, i) => {
        // Mostly the last 5 minutes; 5 % delivered up to 20 minutes late.
        const late = r.next() < 0.05 ? r.int(0, 15 * 60_000) : 0;
        const at = new Date(delivery - r.int(30_000, FILE_EVERY_MS) - late);
        const time = at.toISOString().replace(/\.\d+Z$/, 'Z');
        const id = `${stream.region}-${round}-${i}`;
        if (stream.account === HOME && stream.region === 'eu-west-1' && r.next() < supported * STREAMS.length) {
          stats.supported += 1;
          return changes(time, id);
        }
        return r.next() < OTHER_EC2 ? ec2Read(r, stream, time, id) : otherService(r, stream, time, id);
      });
      stats.records += n;
      writeLogFile(dir, stream, delivery, { Records: batch }, r, stats);
    }
  }
  return stats;
}

function writeLogFile(
  dir: string,
  stream: (typeof STREAMS)[0 | 1 | 2],
  delivery: number,
  doc: unknown,
  r: Rng,
  stats: HistoryStats,
): void {
  const d = new Date(delivery);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const folder = join(dir, 'AWSLogs', stream.account, 'CloudTrail', stream.region, String(y), m, day);
  mkdirSync(folder, { recursive: true });
  const stamp = `${y}${m}${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  const name = `${stream.account}_CloudTrail_${stream.region}_${stamp}_${r.int(1e8, 1e9 - 1).toString(36)}.json`;
  const text = JSON.stringify(doc);
  stats.files += 1;
  stats.bytes += text.length;
  if (r.next() < 0.8) {
    const gz = gzipSync(text);
    writeFileSync(join(folder, `${name}.gz`), gz);
    stats.gzFiles += 1;
    stats.gzBytes += gz.length;
  } else writeFileSync(join(folder, name), text);
}

const pad = (n: number) => String(n).padStart(2, '0');

const PRINCIPALS = [
  { type: 'IAMUser', arn: `arn:aws:iam::${HOME}:user/alice`, userAgent: 'console.ec2.amazonaws.com' },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${HOME}:assumed-role/OnCall/bob@example.com`,
    userAgent: 'aws-cli/2.27.41 md/awscrt#0.26.1',
  },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${HOME}:assumed-role/terraform-ci/tf-run-1`,
    userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.12.2',
  },
  { type: 'AssumedRole', arn: `arn:aws:sts::${HOME}:assumed-role/deploy/pipeline`, userAgent: 'aws-sdk-js/3.840.0' },
];

function identity(r: Rng, account: string) {
  const p = r.pick(PRINCIPALS);
  const [, , , , , rest] = p.arn.split(':');
  const role = rest!.split('/')[1] ?? 'user';
  return {
    userIdentity: {
      type: p.type,
      principalId: `AROAEXAMPLE${r.int(100000, 999999)}:${rest!.split('/').pop()}`,
      arn: p.arn.replace(HOME, account),
      accountId: account,
      accessKeyId: `ASIA${r.int(1e11, 1e12 - 1)}EXAMPLE`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: `arn:aws:iam::${account}:role/${role}`,
          accountId: account,
          userName: role,
        },
        attributes: { creationDate: '2026-10-01T00:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    userAgent: p.userAgent,
  };
}

type Stream = (typeof STREAMS)[number];

function envelope(r: Rng, stream: Stream, time: string, id: string, source: string, name: string) {
  const { userIdentity, userAgent } = identity(r, stream.account);
  return {
    eventVersion: '1.10',
    userIdentity,
    eventTime: time,
    eventSource: source,
    eventName: name,
    awsRegion: stream.region,
    sourceIPAddress: `198.51.100.${r.int(1, 254)}`,
    userAgent,
    requestID: `${id}-req`,
    eventID: `00000000-0000-4000-8000-${id}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: stream.account,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `ec2.${stream.region}.amazonaws.com`,
    },
  };
}

const EC2_READS = [
  'DescribeInstances',
  'DescribeSecurityGroups',
  'DescribeNetworkInterfaces',
  'DescribeVolumes',
  'DescribeSubnets',
];

function ec2Read(r: Rng, stream: Stream, time: string, id: string) {
  return {
    ...envelope(r, stream, time, id, 'ec2.amazonaws.com', r.pick(EC2_READS)),
    requestParameters: {
      maxResults: 1000,
      filterSet: { items: [{ name: 'vpc-id', valueSet: { items: [{ value: 'vpc-0bench' }] } }] },
    },
    responseElements: null,
  };
}

function otherService(r: Rng, stream: Stream, time: string, id: string) {
  const { account, region } = stream;
  const roll = r.next();
  if (roll < 0.35)
    return {
      ...envelope(r, stream, time, id, 'sts.amazonaws.com', 'AssumeRole'),
      requestParameters: {
        roleArn: `arn:aws:iam::${account}:role/app-${r.int(1, 40)}`,
        roleSessionName: `session-${r.int(1, 1e6)}`,
        durationSeconds: 3600,
      },
      responseElements: {
        credentials: {
          accessKeyId: `ASIA${r.int(1e11, 1e12 - 1)}`,
          sessionToken: 'IQoJb3JpZ2luX2VjE'.padEnd(360, 'x'),
          expiration: 'Oct 1, 2026, 1:00:00 PM',
        },
        assumedRoleUser: {
          assumedRoleId: `AROAEXAMPLE:session-${r.int(1, 1e6)}`,
          arn: `arn:aws:sts::${account}:assumed-role/app/session`,
        },
      },
      resources: [{ accountId: account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${account}:role/app` }],
      sharedEventID: `shared-${id}`,
    };
  if (roll < 0.65)
    return {
      ...envelope(r, stream, time, id, 'kms.amazonaws.com', 'Decrypt'),
      requestParameters: {
        encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        encryptionContext: {
          'aws:lambda:FunctionArn': `arn:aws:lambda:${region}:${account}:function:fn-${r.int(1, 90)}`,
        },
      },
      responseElements: null,
      resources: [
        { accountId: account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${region}:${account}:key/0000-${r.int(1, 9)}` },
      ],
    };
  if (roll < 0.8)
    return {
      ...envelope(r, stream, time, id, 's3.amazonaws.com', r.pick(['GetBucketAcl', 'GetBucketLocation', 'ListBuckets'])),
      requestParameters: { bucketName: `logs-${r.int(1, 30)}`, Host: `logs.s3.${region}.amazonaws.com`, acl: '' },
      responseElements: null,
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: 0,
        AuthenticationMethod: 'AuthHeader',
        bytesTransferredOut: 550,
      },
    };
  if (roll < 0.92)
    return {
      ...envelope(r, stream, time, id, 'logs.amazonaws.com', 'CreateLogStream'),
      requestParameters: {
        logGroupName: `/aws/lambda/fn-${r.int(1, 90)}`,
        logStreamName: `2026/10/01/[$LATEST]${r.int(1e15, 1e16 - 1).toString(16)}`,
      },
      responseElements: null,
    };
  return {
    ...envelope(r, stream, time, id, 'ssm.amazonaws.com', 'GetParameter'),
    requestParameters: { name: `/app/config/${r.int(1, 200)}`, withDecryption: true },
    responseElements: null,
  };
}

/** requestParameters of an SG ingress call: one tcp port from a CIDR or from a group. */
function ingress(groupId: string, port: number, peer: { cidr: string } | { group: string }) {
  const peers =
    'cidr' in peer
      ? { ipRanges: { items: [{ cidrIp: peer.cidr }] } }
      : { groups: { items: [{ groupId: peer.group, userId: HOME }] } };
  const permission = { ipProtocol: 'tcp', fromPort: port, toPort: port, groups: {}, ipRanges: {}, ...peers };
  return { groupId, ipPermissions: { items: [{ ipv6Ranges: {}, prefixListIds: {}, ...permission }] } };
}

/**
 * The supported calls: 35 % benign CIDR authorizes, 15 % revokes of them, 10 % revokes of a
 * dependency's SG-to-SG rule (violation) each re-authorized by a later call (restores it), 10 %
 * world-open authorizes (violation), 10 % ENI group changes, 10 % NACL entry creations, 10 % calls
 * that failed with Client.UnauthorizedOperation.
 */
function changeMaker(account: Account, r: Rng) {
  const pendingRestore: { groupId: string; from: string; port: number }[] = [];
  const benign: { groupId: string; port: number; cidr: string }[] = [];
  return (time: string, id: string): Record<string, unknown> => {
    const base = (name: string, requestParameters: Record<string, unknown>) => ({
      ...envelope(r, STREAMS[0], time, id, 'ec2.amazonaws.com', name),
      readOnly: false,
      requestParameters,
      responseElements: { requestId: `${id}-req`, _return: true },
    });
    const roll = r.next();
    if (pendingRestore.length > 0 && roll < 0.1) {
      const p = pendingRestore.shift()!;
      return base('AuthorizeSecurityGroupIngress', ingress(p.groupId, p.port, { group: p.from }));
    }
    if (roll < 0.35) {
      const groupId = r.pick(account.groupIds);
      const port = r.int(1024, 20000);
      const rule = { groupId, port, cidr: `10.${r.int(0, 255)}.${r.int(0, 255)}.0/24` };
      benign.push(rule);
      return base('AuthorizeSecurityGroupIngress', ingress(rule.groupId, rule.port, rule));
    }
    if (roll < 0.5 && benign.length > 0) {
      const rule = benign.splice(r.int(0, benign.length - 1), 1)[0]!;
      return base('RevokeSecurityGroupIngress', ingress(rule.groupId, rule.port, rule));
    }
    if (roll < 0.6) {
      const dep = r.pick(account.dependencies);
      pendingRestore.push({ groupId: dep.to, from: dep.from, port: dep.port });
      return base('RevokeSecurityGroupIngress', ingress(dep.to, dep.port, { group: dep.from }));
    }
    if (roll < 0.7) {
      const groupId = r.pick(account.groupIds);
      return base('AuthorizeSecurityGroupIngress', ingress(groupId, r.pick([22, 8080, 5432]), { cidr: '0.0.0.0/0' }));
    }
    if (roll < 0.8) {
      const networkInterfaceId = r.pick(account.eniIds);
      const groupSet = { items: [{ groupId: r.pick(account.groupIds) }, { groupId: r.pick(account.groupIds) }] };
      return base('ModifyNetworkInterfaceAttribute', { networkInterfaceId, groupSet });
    }
    if (roll < 0.9)
      return base('CreateNetworkAclEntry', {
        networkAclId: `acl-${r.int(0, account.subnets - 1)}`,
        ruleNumber: r.int(101, 199),
        egress: r.next() < 0.5,
        ruleAction: 'allow',
        aclProtocol: '6',
        cidrBlock: `10.${r.int(0, 255)}.0.0/16`,
        portRange: { from: 443, to: 443 },
      });
    return {
      ...base('AuthorizeSecurityGroupIngress', ingress(r.pick(account.groupIds), 22, { cidr: '0.0.0.0/0' })),
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: 'You are not authorized to perform this operation.',
      responseElements: null,
    };
  };
}
