import { describe, expect, it } from 'vitest';
import { orient, PortEvidence, serviceSide } from '../../../lambdas/core/flowlogs/direction';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';

const tcp = (srcPort: number, dstPort: number, tcpFlags?: number): FlowRecord => ({
  protocol: 6,
  srcPort,
  dstPort,
  ...(tcpFlags !== undefined ? { tcpFlags } : {}),
});

describe('flow direction', () => {
  it.each([
    ['a SYN from the client', tcp(50000, 8080, 2), 'dst', 'tcp-flags'],
    ['a SYN-ACK from the server', tcp(8080, 50000, 18), 'src', 'tcp-flags'],
    ['a SYN-ACK with FIN (closed in the window)', tcp(8080, 50000, 19), 'src', 'tcp-flags'],
    ['a mid-stream request without flags, well-known port', tcp(50123, 443, 0), 'dst', 'well-known-port'],
    ['a reply from a well-known port', tcp(22, 1500), 'src', 'well-known-port'],
    ['a reply from a registered port to an ephemeral one', tcp(6379, 41000), 'src', 'ephemeral-port'],
    ['a request to a registered port from an ephemeral one', tcp(60999, 8080), 'dst', 'ephemeral-port'],
    ['two registered ports (NAT gateway source port)', tcp(5000, 8080), 'ambiguous', 'ambiguous'],
    ['icmp', { protocol: 1 }, 'dst', 'no-ports'],
    ['udp without ports', { protocol: 17 }, 'dst', 'no-ports'],
    ['the same port on both sides', tcp(5000, 5000), 'ambiguous', 'ambiguous'],
    ['a SYN to an ephemeral port from a registered one', tcp(8080, 50000, 2), 'dst', 'tcp-flags'],
  ] as const)('tells the service side of %s', (_name, record, service, by) => {
    // Act
    const o = orient(record);
    const side = serviceSide(record);
    // Assess
    expect(o).toEqual({ service, by });
    expect(side).toBe(service);
  });

  it('settles an ambiguous pair on the port that met more peers, the same way for both directions', () => {
    // Prepare
    const evidence = new PortEvidence();
    for (const client of ['eni-a', 'eni-b', 'eni-c']) evidence.note('eni-server', 8080, client);
    evidence.note('eni-a', 9000, 'eni-server');
    // Act
    const request = evidence.settle({ party: 'eni-a', port: 9000 }, { party: 'eni-server', port: 8080 });
    const reply = evidence.settle({ party: 'eni-server', port: 8080 }, { party: 'eni-a', port: 9000 });
    // Assess
    expect(request).toBe('dst');
    expect(reply).toBe('src');
  });

  it('settles a tie on the lower port', () => {
    // Prepare
    const evidence = new PortEvidence();
    // Act
    const side = evidence.settle({ party: 'x', port: 9000 }, { party: 'y', port: 8080 });
    // Assess
    expect(side).toBe('dst');
  });
});
