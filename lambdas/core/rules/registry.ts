import type { RuleEntry } from './types';

/** Exposure rules, most severe first. Logic lives in one file per rule (see catalog.ts). */
export const RULE_REGISTRY: readonly RuleEntry[] = [
  {
    id: 'SG-EXPOSURE-ADMIN',
    kind: 'world-exposure',
    severity: 'critical',
    title: 'Remote administration port open to the world',
    explanation:
      'SSH or RDP reachable from anywhere is scanned and brute-forced within minutes. ' +
      'Use AWS Systems Manager Session Manager (no inbound port at all) or restrict the source to a VPN or bastion group.',
  },
  {
    id: 'SG-EXPOSURE-DATABASE',
    kind: 'world-exposure',
    severity: 'critical',
    title: 'Database or data store port open to the world',
    explanation:
      'Databases, caches and search clusters (SQL Server, Oracle, MySQL, PostgreSQL, CouchDB, Redis, Cassandra, ' +
      'Elasticsearch, Memcached, MongoDB, etcd) must only be reachable from application security groups; ' +
      'reference the client group instead of a CIDR.',
  },
  {
    id: 'SG-EXPOSURE-INTERNAL-APP',
    kind: 'world-exposure',
    severity: 'high',
    title: 'Internal application or admin port open to the world',
    explanation:
      'Ports such as 8080, 8000-8999, 9000-9100, the Docker API (2375-2376), the Kubernetes API (6443) and kubelet ' +
      '(10250-10255) usually serve backends, dashboards or control planes. Put them behind a load balancer ' +
      'and allow only its security group.',
  },
  {
    id: 'SG-EXPOSURE-OTHER',
    kind: 'world-exposure',
    severity: 'medium',
    title: 'Port open to the world without an allowPublic entry',
    explanation:
      'Traffic from anywhere is allowed on ports that no exposure.allowPublic entry declares for this group. ' +
      'Restrict the source, or declare the ports in the configuration if they are meant to be public.',
  },
  {
    id: 'SG-EGRESS-WORLD',
    kind: 'world-egress',
    severity: 'low',
    title: 'Outbound traffic open to the world',
    explanation:
      'The group may send traffic to any address. Restrict egress to the groups, prefix lists (e.g. the S3 gateway) ' +
      'or ports it needs, or declare them with an allowPublic entry of direction egress.',
  },
];
