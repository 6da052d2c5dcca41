import type { Protocol } from '../model/types';
import { mergeRanges, subtractRanges } from '../util/ports';
import type { PortRange } from '../verdict/types';

/** Ports per protocol ('tcp' | 'udp') that a class of exposure rule claims. */
export type PortClass = ReadonlyMap<Protocol, readonly PortRange[]>;

const port = (p: number): PortRange => ({ from: p, to: p });
const range = (from: number, to: number): PortRange => ({ from, to });

/** SSH (tcp 22) and RDP (tcp and udp 3389). */
export const ADMIN_PORTS: PortClass = new Map([
  ['tcp', [port(22), port(3389)]],
  ['udp', [port(3389)]],
]);

/**
 * SQL Server 1433, Oracle 1521, etcd 2379, MySQL 3306, PostgreSQL 5432, CouchDB 5984, Redis 6379,
 * Cassandra 9042, Elasticsearch 9200/9300, Memcached 11211 (also udp: amplification), MongoDB 27017.
 */
export const DATABASE_PORTS: PortClass = new Map([
  ['tcp', mergeRanges([1433, 1521, 2379, 3306, 5432, 5984, 6379, 9042, 9200, 9300, 11211, 27017].map(port))],
  ['udp', [port(11211)]],
]);

/**
 * Backends, dashboards and control planes that belong behind a load balancer or a VPN:
 * ZooKeeper 2181, Docker API 2375-2376, Docker registry / dev servers 5000, Kibana 5601, AMQP 5672,
 * VNC 5900-5901, Kubernetes API 6443, app servers and admin consoles 8000-8999 (8080, 8443, Consul 8500),
 * php-fpm / Prometheus / Kafka / node exporter 9000-9100, kubelet 10250-10255, RabbitMQ management 15672.
 * Ports already claimed by the admin or database class are left out so no port is reported twice.
 */
export const INTERNAL_APP_PORTS: PortClass = new Map([
  [
    'tcp',
    subtractRanges(
      [
        port(2181),
        range(2375, 2376),
        port(5000),
        port(5601),
        port(5672),
        range(5900, 5901),
        port(6443),
        range(8000, 8999),
        range(9000, 9100),
        range(10250, 10255),
        port(15672),
      ],
      [...(ADMIN_PORTS.get('tcp') ?? []), ...(DATABASE_PORTS.get('tcp') ?? [])],
    ),
  ],
]);

/** Every port claimed by a specific class; SG-EXPOSURE-OTHER reports the rest. */
export function classifiedPorts(protocol: Protocol): PortRange[] {
  let ports = CLASSIFIED.get(protocol);
  if (!ports) {
    ports = mergeRanges(
      [ADMIN_PORTS, DATABASE_PORTS, INTERNAL_APP_PORTS].flatMap((cls) => [...(cls.get(protocol) ?? [])]),
    );
    CLASSIFIED.set(protocol, ports);
  }
  return [...ports];
}

/** The classes are constants: their union per protocol is merged once. */
const CLASSIFIED = new Map<Protocol, PortRange[]>();
