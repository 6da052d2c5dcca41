import { describe, expect, it } from 'vitest';
import { exposureDatabase } from '../../../lambdas/core/rules/exposure-database';
import { cidrPeer, group, ingress, sgPeer } from '../support/builders';
import { contextFor } from '../support/exposure-context';

const WORLD = cidrPeer('0.0.0.0/0');
const ports = (...list: number[]) => list.map((p) => ({ from: p, to: p }));

describe('SG-EXPOSURE-DATABASE', () => {
  it('reports postgres open to ::/0', () => {
    // Prepare
    const ctx = contextFor(group('sg-db', { rules: [ingress('tcp', 5432, 5432, cidrPeer('::/0'))] }));
    // Act
    const hits = exposureDatabase(ctx);
    // Assess
    expect(hits).toMatchObject([{ direction: 'ingress', protocol: 'tcp', ports: ports(5432), peers: ['::/0'] }]);
  });

  it('reports every database port of a 0-65535 range, and nothing else', () => {
    // Prepare
    const ctx = contextFor(group('sg-db', { rules: [ingress('tcp', 0, 65535, WORLD)] }));
    // Act
    const hits = exposureDatabase(ctx);
    // Assess
    expect(hits).toHaveLength(1);
    expect(hits[0]?.ports).toEqual(
      ports(1433, 1521, 2379, 3306, 5432, 5984, 6379, 9042, 9200, 9300, 11211, 27017),
    );
  });

  it('reports memcached over udp', () => {
    // Prepare
    const ctx = contextFor(group('sg-db', { rules: [ingress('udp', 11000, 12000, WORLD)] }));
    // Act
    const hits = exposureDatabase(ctx);
    // Assess
    expect(hits).toMatchObject([
      { direction: 'ingress', protocol: 'udp', ports: ports(11211), peers: ['0.0.0.0/0'] },
    ]);
  });

  it('ignores database ports opened to an application security group', () => {
    // Prepare
    const ctx = contextFor(group('sg-db', { rules: [ingress('tcp', 5432, 5432, sgPeer('sg-app'))] }));
    // Act
    const hits = exposureDatabase(ctx);
    // Assess
    expect(hits).toEqual([]);
  });
});
