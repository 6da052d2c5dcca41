// CloudTrail records of workload changes for the benchmarks, in the shapes of test/events/
// (run-instances-*.json, modify-managed-prefix-list.json: see test/events/SOURCES.md for their sources).
import type { Rng } from './random';

const ACTOR = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEDEPLOY01:deploy',
  arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/deploy',
  accountId: '123456789012',
  sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/Deployer' } },
};

const envelope = (eventName: string, id: number) => ({
  eventVersion: '1.09',
  userIdentity: ACTOR,
  eventTime: new Date(Date.UTC(2026, 10, 20, 12, 0, id % 3600)).toISOString().replace('.000', ''),
  eventSource: 'ec2.amazonaws.com',
  eventName,
  awsRegion: 'eu-west-1',
  sourceIPAddress: 'autoscaling.amazonaws.com',
  userAgent: 'autoscaling.amazonaws.com',
  eventID: `bench-${eventName}-${id}`,
  eventType: 'AwsApiCall',
  recipientAccountId: '123456789012',
});

export interface LaunchSpec {
  readonly tags: Readonly<Record<string, string>>;
  /** Groups per device index (device 0 first). */
  readonly groupsByDevice: readonly (readonly string[])[];
  readonly subnets: readonly string[];
}

/** RunInstances of `count` instances, each with one ENI per device in `spec.groupsByDevice`. */
export function runInstancesRecord(id: number, count: number, spec: LaunchSpec, r: Rng): Record<string, unknown> {
  const tagSet = { items: Object.entries(spec.tags).map(([key, value]) => ({ key, value })) };
  const items = Array.from({ length: count }, (_, n) => {
    const instanceId = `i-b${id.toString(16)}x${n}`;
    const subnetId = r.pick(spec.subnets);
    const ip = (d: number) => `10.${200 + (id % 50)}.${n}.${10 + d}`;
    return {
      instanceId,
      instanceState: { code: 0, name: 'pending' },
      subnetId,
      vpcId: 'vpc-0bench',
      privateIpAddress: ip(0),
      tagSet,
      networkInterfaceSet: {
        items: spec.groupsByDevice.map((groups, d) => ({
          networkInterfaceId: `eni-b${id.toString(16)}x${n}d${d}`,
          subnetId,
          vpcId: 'vpc-0bench',
          ownerId: '123456789012',
          requesterManaged: false,
          status: 'in-use',
          privateIpAddress: ip(d),
          interfaceType: 'interface',
          groupSet: { items: groups.map((g) => ({ groupId: g, groupName: g })) },
          privateIpAddressesSet: { item: [{ privateIpAddress: ip(d), primary: true }] },
          ipv6AddressesSet: {},
          tagSet: {},
          attachment: { attachmentId: `eni-attach-b${id.toString(16)}x${n}d${d}`, instanceId: '3423151701', deviceIndex: d, networkCardIndex: 0, status: 'attaching', deleteOnTermination: true },
        })),
      },
    };
  });
  return {
    ...envelope('RunInstances', id),
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0a1b2c3d4e5f60718', minCount: count, maxCount: count }] },
      instanceType: 't3.small',
      tagSpecificationSet: { items: [{ resourceType: 'instance', tags: tagSet.items }] },
    },
    responseElements: { requestId: `req-${id}`, reservationId: `r-b${id}`, ownerId: '123456789012', groupSet: {}, instancesSet: { items } },
  };
}

/** ModifyManagedPrefixList adding (and removing) one entry. */
export function modifyPrefixListRecord(id: number, prefixListId: string, add: string, remove?: string): Record<string, unknown> {
  return {
    ...envelope('ModifyManagedPrefixList', id),
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64 command/ec2.modify-managed-prefix-list',
    requestParameters: {
      ModifyManagedPrefixListRequest: {
        PrefixListId: prefixListId,
        CurrentVersion: id,
        AddEntry: [{ tag: 1, Cidr: add, Description: 'bench' }],
        ...(remove ? { RemoveEntry: { tag: 1, Cidr: remove } } : {}),
      },
    },
    responseElements: {
      ModifyManagedPrefixListResponse: {
        requestId: `req-${id}`,
        prefixList: { prefixListId, addressFamily: 'IPv4', state: 'modify-in-progress', version: id + 1 },
      },
    },
  };
}
