// The messages between the main thread's PGlite Db (pglite.ts) and the
// worker thread that owns PGlite (pglite-worker.ts). Only plain data crosses:
// parameters and rows are structured-cloned (Date, Uint8Array and nested
// objects survive), errors travel as WireError.
import type { WireError } from './errors.ts';
import type { PgliteAssets } from './pglite-assets.ts';

/** What a worker is started with (its workerData). */
export interface WorkerInit {
	/** The TypeScript entry the JS bootstrap loads (pglite-worker-boot.mjs). */
	entry: string;
	/** undefined: an in-memory database. */
	dataDir: string | undefined;
	/** Channels to LISTEN on before reporting ready (they survive a restart). */
	channels: string[];
	/** PGlite's compiled WebAssembly and file bundle, shared by every worker. */
	assets: PgliteAssets;
	/** In memory only: a dumped data folder (a tarball) to start from instead of initdb; see PgliteOptions. */
	initialDump?: Uint8Array;
}

/** SQL the worker runs before a request: the start of a transaction, sent with its first statement. */
export type BeginStatement = 'begin' | 'begin read only';

export type WorkerRequest =
	| { id: number; op: 'query'; sql: string; params: unknown[]; begin?: BeginStatement }
	| { id: number; op: 'exec'; sql: string; begin?: BeginStatement }
	| { id: number; op: 'commit' | 'rollback'; begin?: BeginStatement }
	| { id: number; op: 'listen' | 'unlisten'; channel: string }
	| { id: number; op: 'close' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request before the thread numbers it. */
export type WorkerCall = WithoutId<WorkerRequest>;

export interface RowsReply {
	rows: object[];
	rowCount: number;
	fields: { name: string; dataTypeID: number }[];
}

export type WorkerReply =
	| { type: 'ready'; openMs: number }
	/** PGlite could not open; the worker exits after sending this. */
	| { type: 'fatal'; error: WireError }
	| { type: 'result'; id: number; result: RowsReply }
	| { type: 'done'; id: number }
	/** `broken`: the engine itself failed (a WASM trap), not the statement; it must be replaced. */
	| { type: 'error'; id: number; error: WireError; broken: boolean }
	| { type: 'notify'; channel: string; payload: string };
