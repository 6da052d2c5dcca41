import { type ClientRequest, createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { afterRequestsSent } from '../../lambdas/handlers/after-requests-sent';

/** A loopback server that answers each request only when told to (`release`). */
async function slowServer() {
  const waiting: (() => void)[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => waiting.push(() => res.end('ok')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    post(body: string): { req: ClientRequest; answered: Promise<void> } {
      let req!: ClientRequest;
      const answered = new Promise<void>((resolve, reject) => {
        req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      });
      return { req, answered };
    },
    received: () => waiting.length,
    release: () => waiting.splice(0).forEach((answer) => answer()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

let server: Awaited<ReturnType<typeof slowServer>> | undefined;
afterEach(async () => {
  server?.release();
  await server?.close();
  server = undefined;
});

describe('afterRequestsSent', () => {
  it('runs the task once the requests started together are written, before any is answered', async () => {
    // Prepare
    server = await slowServer();
    const seen: { written: boolean[]; answered: number }[] = [];
    const written = [false, false];
    let answered = 0;
    afterRequestsSent(() => seen.push({ written: [...written], answered }));

    // Act
    const a = server.post('claim');
    const b = server.post('x'.repeat(256 * 1024));
    [a, b].forEach((post, i) => {
      post.req.once('finish', () => (written[i] = true)); // all of it handed to the socket
      void post.answered.then(() => (answered += 1));
    });
    await until(() => seen.length > 0 && server!.received() === 2);
    server.release();
    await Promise.all([a.answered, b.answered]);

    // Assess
    expect(seen).toEqual([{ written: [true, true], answered: 0 }]);
  });

  it('runs the task at most once, whatever is sent afterwards', async () => {
    // Prepare
    server = await slowServer();
    let runs = 0;
    afterRequestsSent(() => (runs += 1));

    // Act
    const first = server.post('one');
    await until(() => runs > 0);
    const second = server.post('two');
    await until(() => server!.received() === 2);
    server.release();
    await Promise.all([first.answered, second.answered]);

    // Assess
    expect(runs).toBe(1);
  });

  it('never runs a task cancelled before its requests were written', async () => {
    // Prepare
    server = await slowServer();
    let runs = 0;
    const cancel = afterRequestsSent(() => (runs += 1));

    // Act
    cancel();
    const post = server.post('claim');
    await until(() => server!.received() === 1);
    server.release();
    await post.answered;
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(runs).toBe(0);
  });

  it('does not run the task while nothing was sent', async () => {
    // Prepare
    let runs = 0;
    const cancel = afterRequestsSent(() => (runs += 1));

    // Act
    await new Promise((resolve) => setTimeout(resolve, 30));
    cancel();

    // Assess
    expect(runs).toBe(0);
  });
});
