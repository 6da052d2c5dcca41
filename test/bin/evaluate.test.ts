import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, run, SNAPSHOT } from './run';

describe('sg-guardian evaluate', () => {
  it("prints each event's verdict, findings and revert plan as JSON and exits 1 on violations", async () => {
    // Act
    const { code, out } = await run(
      'evaluate',
      ...SNAPSHOT,
      ...CONFIG,
      '--events',
      'examples/cloudtrail-log.json',
      '--json',
    );

    // Assess
    expect(code).toBe(1);
    const { results } = JSON.parse(out);
    expect(results.map((r: { verdict: string }) => r.verdict)).toEqual([
      'violation',
      'violation',
      'violation',
      'violation',
      'violation',
      'not-applied',
      'violation',
      'violation',
    ]);
    expect(results[0]).toMatchObject({
      eventName: 'RevokeSecurityGroupIngress',
      findings: [
        {
          kind: 'dependency-broken',
          groupId: 'sg-0backend123',
          dependency: 'nginx-to-backend',
          blockedBy: ['sg-ingress'],
        },
      ],
      revert: [
        {
          api: 'AuthorizeSecurityGroupIngress',
          input: expect.objectContaining({ GroupId: 'sg-0backend123' }),
        },
      ],
    });
    expect(results[4].findings[0]).toMatchObject({ kind: 'world-exposure', ports: [{ from: 22, to: 22 }] });
    expect(results[5]).toMatchObject({ verdict: 'not-applied', findings: [], revert: [] });
    expect(results[5].reason).toMatch(/^Client\.UnauthorizedOperation/);
  });

  it('prints a readable block per event in text mode', async () => {
    // Act
    const { out } = await run(
      'evaluate',
      ...SNAPSHOT,
      ...CONFIG,
      '--events',
      'examples/events/05-ssh-open-to-world.json',
    );

    // Assess
    expect(out).toContain(
      'who:     AWSReservedSSO_OnCall_4f1e2d3c/bob@example.com (AssumedRole) from 198.51.100.23 via cli',
    );
    expect(out).toContain('change:  sg-0backend123: added ingress tcp/22 from 0.0.0.0/0; tcp/22 from ::/0');
    expect(out).toContain('RevokeSecurityGroupIngress {"GroupId":"sg-0backend123","SecurityGroupRuleIds":');
  });

  it('exits 2 for an events file that holds an invalid event, with the JSON path of the bad field', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'sgg-events-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'AuthorizeSecurityGroupIngress',
        eventID: 'e1',
        requestParameters: {
          groupId: 'sg-0a',
          ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 'x', toPort: 22 }] },
        },
      }),
    );

    // Act
    const { code, out } = await run('evaluate', ...SNAPSHOT, ...CONFIG, '--events', file, '--json');

    // Assess
    expect(code).toBe(2);
    const [result] = JSON.parse(out).results;
    expect(result).toMatchObject({ verdict: 'invalid', action: 'notify', revert: [] });
    expect(result.reason).toMatch(/^\$\.requestParameters\.ipPermissions\.items\[0\]\.fromPort/);
  });
});
