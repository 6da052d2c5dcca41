import { describe, expect, it } from 'vitest';
import { run, SNAPSHOT } from './run';

describe('sg-guardian explain', () => {
  it('walks every layer for every ENI pair of the two groups', async () => {
    // Act
    const { code, out } = await run(
      'explain',
      ...SNAPSHOT,
      '--from',
      'sg-0nginx456',
      '--to',
      'sg-0backend123',
      '--port',
      '8080',
    );

    // Assess
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('sg-0nginx456 → sg-0backend123 on tcp/8080: REACHABLE');
    expect(out.match(/: reachable$/gm)).toHaveLength(6);
    for (const layer of ['sg-egress', 'nacl-outbound', 'nacl-inbound', 'sg-ingress', 'nacl-return'])
      expect(out).toContain(`✓ ${layer}`);
    expect(out).toContain('acl-0app1 #100 allows tcp 8080 from 10.0.1.10');
  });

  it('exits 1 and shows the blocking layer for a port nothing allows', async () => {
    // Act
    const { code, out } = await run(
      'explain',
      ...SNAPSHOT,
      '--from',
      'sg-0nginx456',
      '--to',
      'sg-0backend123',
      '--port',
      '9090',
      '--json',
    );

    // Assess
    expect(code).toBe(1);
    const result = JSON.parse(out);
    expect(result.status).toBe('blocked');
    expect(result.blockedBy).toEqual(expect.arrayContaining(['sg-ingress']));
  });

  it('rejects an unknown group and a missing port with exit 2 and a clear message', async () => {
    // Act
    const unknown = await run(
      'explain',
      ...SNAPSHOT,
      '--from',
      'sg-0nope',
      '--to',
      'sg-0backend123',
      '--port',
      '80',
    );
    const noPort = await run('explain', ...SNAPSHOT, '--from', 'sg-0nginx456', '--to', 'sg-0backend123');

    // Assess
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('sg-guardian: --from: no security group sg-0nope in examples/account');
    expect(noPort.code).toBe(2);
    expect(noPort.err).toBe('sg-guardian: --port is required for tcp');
  });
});
