// The warm side of `npm run bench:emulator`: one Node process (as one warm Lambda would be) that
// imports the bundled evaluator and the bundled SDK floor handler, then handles the events the parent
// sends over IPC, one at a time, and answers when each started and ended (epoch ms) and its CPU time.
// Run by plain node from its own bundle (bench/emulator/run.ts builds it): no TypeScript loader in here.
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../test/emulator/support/lambda-context';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export interface WarmRequest {
  readonly kind: 'evaluator' | 'floor';
  readonly event: unknown;
}

export interface WarmAnswer {
  readonly kind: WarmRequest['kind'];
  readonly start: number;
  readonly end: number;
  readonly cpuMs: number;
  readonly result?: unknown;
  readonly error?: string;
}

const [evaluatorBundle, floorBundle] = process.argv.slice(2);
const load = async (file: string | undefined) =>
  ((await import(pathToFileURL(file ?? '').href)) as { handler: Handler }).handler;
const handlers = { evaluator: await load(evaluatorBundle), floor: await load(floorBundle) };
const now = () => performance.timeOrigin + performance.now();

process.on('message', (message: WarmRequest) => {
  void (async () => {
    const cpu = process.cpuUsage();
    const start = now();
    let answer: Pick<WarmAnswer, 'result' | 'error'>;
    try {
      answer = { result: await handlers[message.kind](message.event, lambdaContext) };
    } catch (error) {
      answer = { error: String(error) };
    }
    const end = now();
    const used = process.cpuUsage(cpu);
    process.send?.({ kind: message.kind, start, end, cpuMs: (used.user + used.system) / 1000, ...answer } satisfies WarmAnswer);
  })();
});
// A clean exit on stop, so that --cpu-prof (BENCH_WARM_NODE_OPTIONS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
process.send?.({ ready: true });
