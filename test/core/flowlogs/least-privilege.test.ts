import { describe, expect, it } from 'vitest';
import { FlowAggregator } from '../../../lambdas/core/flowlogs/aggregate';
import { leastPrivilege } from '../../../lambdas/core/flowlogs/least-privilege';
import type { FlowRecord } from '../../../lambdas/core/flowlogs/types';
import { loadExamples } from '../../support/examples';

const T = Date.parse('2026-11-20T03:30:00Z') / 1000;

const syn = (eni: string, src: string, dst: string, dstPort: number, at = T): FlowRecord => ({
  interfaceId: eni,
  srcAddr: src,
  dstAddr: dst,
  srcPort: 40000,
  dstPort,
  protocol: 6,
  packets: 3,
  bytes: 180,
  start: at,
  end: at + 30,
  action: 'ACCEPT',
  logStatus: 'OK',
  tcpFlags: 2,
});

/** A NODATA record: the ENI logs, nothing flowed. */
const quiet = (eni: string): FlowRecord => ({ interfaceId: eni, start: T, end: T + 60, logStatus: 'NODATA' });

describe('least privilege from flow logs', () => {
  it('lists the rules of fully logged groups that admitted nothing, and the sources of world-open rules', async () => {
    // Prepare
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model, { since: T });
    const records = [
      syn('eni-0nginx1a', '203.0.113.7', '10.0.1.10', 443),
      syn('eni-0nginx2a', '203.0.113.8', '10.0.1.11', 443),
      syn('eni-0nginx1a', '198.51.100.4', '10.0.1.10', 80, T - 7200),
      quiet('eni-0nginx2a'),
    ];
    for (const r of records) aggregator.add(r);
    // Act
    const lp = leastPrivilege(model, aggregator.finish());
    // Assess
    const nginxUnused = lp.unused.filter((u) => u.groupId === 'sg-0nginx456' && u.direction === 'ingress');
    expect(nginxUnused.map((u) => u.ruleId).sort()).toEqual(['sgr-0nginxi00', 'sgr-0nginxi01', 'sgr-0nginxi11']);
    expect(nginxUnused.find((u) => u.ruleId === 'sgr-0nginxi00')?.lastSeen).toBe(T - 7200 + 30);
    const world = lp.world.find((w) => w.ruleId === 'sgr-0nginxi10');
    expect(world?.sources.map((s) => s.value)).toEqual(['203.0.113.7/32', '203.0.113.8/32']);
    expect(world?.awsCli[0]).toContain('CidrIp=203.0.113.7/32');
    expect(world?.awsCli[1]).toBe(
      'aws ec2 revoke-security-group-ingress --group-id sg-0nginx456 --security-group-rule-ids sgr-0nginxi10',
    );
    expect(world?.terraform).toContain('cidr_ipv4         = "203.0.113.8/32"');
  });

  it('counts an egress rule for the connections its group opens, never for the replies it sends', async () => {
    // Prepare: nginx opens connections to the backend on 8080 (logged at both ends); every ENI logs
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model, { since: T });
    const reply = (eni: string, src: string, dst: string): FlowRecord => ({
      ...syn(eni, src, dst, 40000),
      srcPort: 8080,
      tcpFlags: 18,
    });
    const records = [
      syn('eni-0nginx1a', '10.0.1.10', '10.0.2.10', 8080),
      syn('eni-0backend1a', '10.0.1.10', '10.0.2.10', 8080),
      reply('eni-0backend1a', '10.0.2.10', '10.0.1.10'),
      reply('eni-0nginx1a', '10.0.2.10', '10.0.1.10'),
      ...['eni-0nginx2a', 'eni-0backend2a', 'eni-0backend2b'].map(quiet),
    ];
    for (const r of records) aggregator.add(r);

    // Act
    const lp = leastPrivilege(model, aggregator.finish());

    // Assess: nginx's egress let the connections out; the backend's only answered (stateful: no rule needed)
    const egress = lp.unused.filter((u) => u.direction === 'egress');
    expect(egress.map((u) => u.ruleId)).toEqual(['sgr-0backende00']);
    expect(egress[0]?.rule).toBe('all traffic to 0.0.0.0/0');
    expect(lp.unused.some((u) => u.ruleId === 'sgr-0nginxe00')).toBe(false);
    expect(lp.world.every((w) => !w.ruleId?.includes('e00'))).toBe(true);
  });

  it('never calls a rule unused when some ENI of its group logged nothing', async () => {
    // Prepare
    const { model } = await loadExamples();
    const aggregator = new FlowAggregator(model);
    aggregator.add(quiet('eni-0backend1a'));
    // Act
    const lp = leastPrivilege(model, aggregator.finish());
    // Assess
    expect(lp.unused.filter((u) => u.groupId === 'sg-0backend123')).toEqual([]);
    expect(lp.notCovered).toContain('sg-0backend123');
  });
});
