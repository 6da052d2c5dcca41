import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { epochMs, parseLatency, startTimingProxy, type TimingProxy } from '../../../bench/emulator/timing-proxy';

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261202/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

describe('the timing proxy', () => {
  let target: Server | undefined;
  let proxy: TimingProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await new Promise((resolve) => (target ? target.close(resolve) : resolve(undefined)));
  });

  async function start(latencyMs?: Record<string, number>) {
    target = createServer((_req, res) => res.end('<ok/>'));
    await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
    proxy = await startTimingProxy(`http://127.0.0.1:${(target.address() as AddressInfo).port}`, {
      keepAlive: true,
      ...(latencyMs && { latencyMs }),
    });
    return proxy;
  }

  it('holds each answer for the modelled round trip of its service, and records it as answered then', async () => {
    // Prepare
    const { url, callsBetween } = await start({ ec2: 120, '*': 0 });
    const from = epochMs();

    // Act
    const [ec2 = 0, dynamodb = 0] = await Promise.all(
      (['ec2', 'dynamodb'] as const).map(async (service) => {
        const sent = epochMs();
        const answer = await fetch(`${url}/?Action=DescribeSecurityGroups`, { method: 'POST', headers: signed(service) });
        await answer.text();
        return epochMs() - sent;
      }),
    );

    // Assess
    expect(ec2).toBeGreaterThanOrEqual(119);
    const calls = callsBetween(from, epochMs());
    expect(calls.map((c) => c.service).sort()).toEqual(['dynamodb', 'ec2']);
    const ec2Call = calls.find((c) => c.service === 'ec2')!;
    expect(ec2Call.end - ec2Call.start).toBeGreaterThanOrEqual(119);
    expect(dynamodb).toBeLessThan(ec2);
  });

  it('reads BENCH_LATENCY_MS as one figure for every service or per signing name', () => {
    // Act & Assess
    expect(parseLatency(undefined)).toBeUndefined();
    expect(parseLatency(' ')).toBeUndefined();
    expect(parseLatency('20')).toEqual({ '*': 20 });
    expect(parseLatency('ec2=40, dynamodb=6,*=10')).toEqual({ ec2: 40, dynamodb: 6, '*': 10 });
    expect(() => parseLatency('ec2=fast')).toThrow('BENCH_LATENCY_MS: "ec2=fast" is not N or service=N');
    expect(() => parseLatency('=5')).toThrow('BENCH_LATENCY_MS');
  });
});
