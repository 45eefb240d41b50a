// Entry of the PGlite worker thread. Plain JavaScript on purpose: a worker
// does not inherit the parent's TypeScript loader (not under `node --import
// tsx` on Node 20, nor under vitest), so this file loads the TypeScript entry
// named in workerData through tsx's scoped loader.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
