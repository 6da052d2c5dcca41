import type { NetworkInterface } from '../model/types';

/** The AWS service that owns a requester-managed ENI, and how to change its groups there. */
export interface OwningService {
  /** e.g. "Elastic Load Balancing (app/my-alb)". */
  readonly service: string;
  /** The API to change the groups with, e.g. "elbv2 SetSecurityGroups". */
  readonly api: string;
  /** The CLI call, with placeholders where the ENI does not tell (ARNs). */
  readonly awsCli: string;
}

interface Owner {
  /** Does this ENI belong to the service: interfaceType, requesterId or description. */
  readonly owns: (eni: NetworkInterface) => RegExpMatchArray | boolean | null | undefined;
  readonly describe: (eni: NetworkInterface, groups: string) => OwningService;
}

const description = (eni: NetworkInterface, re: RegExp) => eni.description?.match(re);
const elbName = (eni: NetworkInterface) => description(eni, /^ELB ((?:app|net|gwy)\/[^/]+)/)?.[1];

/** First match wins; the ENI's own fields decide (pure: no lookup). */
const OWNERS: readonly Owner[] = [
  {
    owns: (e) => elbName(e) !== undefined || ['network_load_balancer', 'gateway_load_balancer'].includes(e.interfaceType ?? ''),
    describe: (e, groups) => {
      const name = elbName(e) ?? 'the load balancer';
      return {
        service: `Elastic Load Balancing (${name})`,
        api: 'elbv2 SetSecurityGroups',
        awsCli: `aws elbv2 set-security-groups --load-balancer-arn <arn of ${name}> --security-groups ${groups}`,
      };
    },
  },
  {
    owns: (e) => description(e, /^ELB [^/\s]+$/) ?? e.requesterId === 'amazon-elb',
    describe: (e, groups) => {
      const name = e.description?.replace(/^ELB /, '') ?? '<load balancer name>';
      return {
        service: `Classic Load Balancer (${name})`,
        api: 'elb ApplySecurityGroupsToLoadBalancer',
        awsCli: `aws elb apply-security-groups-to-load-balancer --load-balancer-name ${name} --security-groups ${groups}`,
      };
    },
  },
  {
    owns: (e) => e.description === 'RDSNetworkInterface' || e.requesterId === 'amazon-rds',
    describe: (_e, groups) => ({
      service: 'Amazon RDS',
      api: 'rds ModifyDBInstance --vpc-security-group-ids',
      awsCli: `aws rds modify-db-instance --db-instance-identifier <db instance> --vpc-security-group-ids ${groups} --apply-immediately`,
    }),
  },
  {
    owns: (e) => e.interfaceType === 'lambda' || description(e, /^AWS Lambda VPC ENI/),
    describe: (e, groups) => {
      const fn = description(e, /^AWS Lambda VPC ENI-(.+)-[0-9a-f-]{36}$/)?.[1] ?? '<function name>';
      return {
        service: `AWS Lambda (${fn})`,
        api: 'lambda UpdateFunctionConfiguration VpcConfig',
        awsCli: `aws lambda update-function-configuration --function-name ${fn} --vpc-config SubnetIds=<subnets>,SecurityGroupIds=${groups.replace(/ /g, ',')}`,
      };
    },
  },
  {
    owns: (e) => e.interfaceType === 'vpc_endpoint' || description(e, /^VPC Endpoint Interface (vpce-[0-9a-z]+)/),
    describe: (e, groups) => {
      const id = description(e, /(vpce-[0-9a-z]+)/)?.[1] ?? '<vpce-id>';
      return {
        service: `VPC endpoint ${id}`,
        api: 'ec2 ModifyVpcEndpoint',
        awsCli: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --add-security-group-ids ${groups} --remove-security-group-ids <groups to remove>`,
      };
    },
  },
  {
    owns: (e) => e.interfaceType === 'efs' || description(e, /^EFS mount target/),
    describe: (e, groups) => {
      const id = description(e, /(fsmt-[0-9a-z]+)/)?.[1] ?? '<fsmt-id>';
      return {
        service: `Amazon EFS mount target ${id}`,
        api: 'efs ModifyMountTargetSecurityGroups',
        awsCli: `aws efs modify-mount-target-security-groups --mount-target-id ${id} --security-groups ${groups}`,
      };
    },
  },
];

/** Whether AWS manages this ENI for a service (never change its groups at the ENI level). */
export function isRequesterManaged(eni: NetworkInterface): boolean {
  return eni.requesterManaged === true || OWNERS.some((o) => o.owns(eni));
}

/**
 * The service owning a requester-managed ENI and how to set `groupIds` through it; undefined when the
 * ENI is an ordinary one. An unrecognised service is named by its requester id.
 */
export function owningService(eni: NetworkInterface, groupIds: readonly string[]): OwningService | undefined {
  if (!isRequesterManaged(eni)) return undefined;
  const groups = groupIds.join(' ') || '<groups>';
  const owner = OWNERS.find((o) => o.owns(eni));
  if (owner) return owner.describe(eni, groups);
  const who = eni.requesterId ?? eni.interfaceType ?? 'an AWS service';
  return {
    service: `the service that manages ${eni.eniId} (${who})`,
    api: "that service's own API",
    awsCli: `# change the security groups of the resource that owns ${eni.eniId} through its service (${who})`,
  };
}

/** The reason a plan holds no ENI-level step for a requester-managed ENI. */
export function requesterManagedReason(eni: NetworkInterface, owner: OwningService): string {
  return `${eni.eniId} is managed by ${owner.service}, which would fight an ENI-level change: change its groups with ${owner.api} (${owner.awsCli})`;
}
