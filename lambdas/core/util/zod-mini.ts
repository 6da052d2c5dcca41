import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * zod's functional API ("zod mini") for the schemas the evaluator builds or runs before its first
 * event: the same validators as `zod` (same core, same issues) without the classic API, which binds
 * every method to every schema instance and weighed ~35 ms of CPU and ~70 KB of a cold start
 * (BENCHMARKS.md, Cold start). Import it as a namespace (`import * as z from '…/zod-mini'`), so that
 * the bundler keeps only the functions used. The classic API configures English messages when it
 * builds its first schema; zod mini does not, so it is configured here once (the same locale: the
 * messages are unchanged).
 */
config(en());

export * from 'zod/mini';
