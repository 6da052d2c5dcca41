import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The wall clock in ms since the epoch, sub-millisecond, comparable between processes of one machine. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** One request a handler sent, as the proxy saw it: when it arrived and when its answer was sent. */
export interface TimedCall {
  /** The SigV4 signing name, e.g. ec2, dynamodb, sns. */
  readonly service: string;
  /** The query-protocol Action or the JSON protocol's X-Amz-Target operation, e.g. DescribeSecurityGroups, PutItem. */
  readonly action: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A loopback pass-through in front of moto that timestamps every request (arrival of its headers →
 * answer sent) and every new TCP connection. The handlers get its URL as AWS_ENDPOINT_URL, so the
 * bench sees from outside each handler how many calls an event made, in how many sequential stages,
 * on how many connections, and when the revert call was answered. Answers pass unchanged (moto's
 * Connection: close included unless `keepAlive`); `fix` may correct one on its way back.
 */
export async function startTimingProxy(
  target: string,
  options: {
    /** Corrects an answer on its way back (a documented gap of the emulator); text in, text out. */
    readonly fix?: (call: TimedCall, body: string) => Promise<string>;
    /** Keep the handlers' connections open as AWS endpoints do, instead of moto's Connection: close. */
    readonly keepAlive?: boolean;
    /**
     * A modelled round trip added to each answer, in ms, per signing name (`*` for the others): moto
     * answers on loopback, one request at a time; a regional endpoint adds the network and serves
     * concurrent requests side by side. Each answer is held that long after moto gives it, so calls
     * in flight together overlap their added time as they would on AWS. @default none
     */
    readonly latencyMs?: Readonly<Record<string, number>>;
  } = {},
) {
  const { fix, keepAlive = false, latencyMs } = options;
  const calls: TimedCall[] = [];
  const connections: number[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const start = epochMs();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'unknown';
      const action = actionOf(req.headers['x-amz-target'], body);
      const answered = (status: number, answerHeaders: Record<string, unknown>, text: Buffer) => {
        const { connection, ...rest } = answerHeaders;
        const headers = keepAlive ? rest : { ...rest, ...(connection !== undefined && { connection }) };
        const send = () => {
          res.writeHead(status, headers as Record<string, string>);
          res.end(text, () => calls.push({ service, action, start, end: epochMs() }));
        };
        const held = latencyMs?.[service] ?? latencyMs?.['*'] ?? 0;
        if (held > 0) setTimeout(send, held);
        else send();
      };
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const raw = Buffer.concat(parts);
            const status = answer.statusCode ?? 502;
            if (!fix) return answered(status, answer.headers, raw);
            void fix({ service, action, start, end: start }, raw.toString('utf8')).then(
              (text) => {
                const fixed = Buffer.from(text, 'utf8');
                answered(status, { ...answer.headers, 'content-length': String(fixed.length) }, fixed);
              },
              (error: Error) => answered(500, { 'content-type': 'text/plain' }, Buffer.from(`proxy fix failed: ${error.message}`)),
            );
          });
        },
      );
      forward.on('error', (error) => answered(502, { 'content-type': 'text/plain' }, Buffer.from(`proxy: ${error.message}`)));
      forward.end(body);
    });
  });
  server.on('connection', () => connections.push(epochMs()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The calls answered between from and to (epoch ms), in order of arrival. */
    callsBetween: (from: number, to: number) =>
      calls.filter((c) => c.start >= from && c.end <= to).sort((a, b) => a.start - b.start),
    /** New TCP connections opened between from and to. */
    connectionsBetween: (from: number, to: number) => connections.filter((t) => t >= from && t <= to).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TimingProxy = Awaited<ReturnType<typeof startTimingProxy>>;

/**
 * BENCH_LATENCY_MS: `20` (every service) or `ec2=40,dynamodb=6,*=10` (per signing name; `*` the rest).
 * Undefined when unset or empty; throws on anything else.
 */
export function parseLatency(text: string | undefined): Record<string, number> | undefined {
  if (!text?.trim()) return undefined;
  const latency: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.includes('=') ? part.split('=') : ['*', part];
    const ms = Number(value);
    if (!name?.trim() || !Number.isFinite(ms) || ms < 0)
      throw new Error(`BENCH_LATENCY_MS: "${part}" is not N or service=N (ms, e.g. 20 or ec2=40,dynamodb=6)`);
    latency[name.trim()] = ms;
  }
  return latency;
}

function actionOf(target: string | string[] | undefined, body: Buffer): string {
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const action = new URLSearchParams(body.toString('utf8')).get('Action');
  return action ?? 'unknown';
}
