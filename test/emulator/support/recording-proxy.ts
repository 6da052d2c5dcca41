import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the handlers sent: the service (from the SigV4 credential scope), the action and its form fields. */
export interface RecordedCall {
  readonly service: string;
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * A loopback pass-through in front of moto that records every query-protocol call (EC2 and friends:
 * `Action=...` form bodies). The handlers get its URL as AWS_ENDPOINT_URL, so the test sees exactly
 * which writes they sent, as a real account's CloudTrail would, while moto answers them.
 */
export async function startRecordingProxy(
  target: string,
  /** Corrects an answer before the handlers see it (a documented gap of the emulator); text in, text out. */
  fix?: (call: RecordedCall, body: string) => Promise<string>,
) {
  const calls: RecordedCall[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = recordOf(req.headers['authorization'], req.headers['content-type'], body);
      if (call) calls.push(call);
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent: false, // moto closes the connection after each answer
        },
        (answer) => {
          if (!fix || !call) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            void fix(call, Buffer.concat(parts).toString('utf8')).then(
              (text) => {
                const fixed = Buffer.from(text, 'utf8');
                res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': String(fixed.length) });
                res.end(fixed);
              },
              (error: Error) => {
                res.writeHead(500, { 'content-type': 'text/plain' });
                res.end(`proxy fix failed: ${error.message}`);
              },
            );
          });
        },
      );
      forward.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${error.message}`);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** The EC2 calls that change something (anything but Describe and Get calls). */
    ec2Writes: () => calls.filter((c) => c.service === 'ec2' && !/^(Describe|Get)/.test(c.action)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;

function recordOf(authorization: string | undefined, type: string | undefined, body: Buffer): RecordedCall | undefined {
  if (!type?.includes('application/x-www-form-urlencoded')) return undefined;
  const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (!params.Action) return undefined;
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'unknown';
  return { service, action: params.Action, params };
}
