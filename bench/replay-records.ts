// The CloudTrail records of the generated history (bench/replay-history.ts): principals, envelopes,
// other services' calls and the supported SG/NACL/ENI changes. Deterministic given the PRNG.
import type { generateAccount } from './generate-account';
import type { rng } from './random';

type Account = ReturnType<typeof generateAccount>;
type Rng = ReturnType<typeof rng>;

export const HOME = '123456789012';
const OTHER = '210987654321';
/** (account, region) streams; only the first carries changes to the snapshot's groups. */
export const STREAMS = [
  { account: HOME, region: 'eu-west-1' },
  { account: HOME, region: 'us-east-1' },
  { account: OTHER, region: 'eu-west-1' },
] as const;

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

export type Stream = (typeof STREAMS)[number];

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

export function ec2Read(r: Rng, stream: Stream, time: string, id: string) {
  return {
    ...envelope(r, stream, time, id, 'ec2.amazonaws.com', r.pick(EC2_READS)),
    requestParameters: {
      maxResults: 1000,
      filterSet: { items: [{ name: 'vpc-id', valueSet: { items: [{ value: 'vpc-0bench' }] } }] },
    },
    responseElements: null,
  };
}

export function otherService(r: Rng, stream: Stream, time: string, id: string) {
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
export function changeMaker(account: Account, r: Rng) {
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
