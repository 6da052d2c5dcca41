// Starts flow-log-worker.ts in a worker thread when the CLI runs from source (tsx, vitest): a worker
// does not inherit the main thread's TypeScript loader, so it registers tsx's before importing the
// entry. The built CLI (dist/) starts dist/flow-log-worker.js directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
