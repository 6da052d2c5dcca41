import { runCli } from '../../bin/cli';

/** Runs the CLI in-process and captures what it prints. */
export async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export const SNAPSHOT = ['--snapshot', 'examples/account'];
export const CONFIG = ['--config', 'examples/guardian.yaml'];
