// The worker thread that owns PGlite: it opens the data folder (or memory),
// LISTENs on the channels it is given, and runs the main thread's requests
// one at a time in arrival order. A statement that never ends blocks only
// this thread; the main thread's deadline then terminates it (pglite.ts).
import { PGlite, types } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { toWireError } from './errors.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './pglite-protocol.ts';
import { keepCreatedFilesPrivate } from './private-files.ts';

// Keep int8 and date as text, as postgres.js does (see types.ts).
const parsers = {
	[types.INT8]: (value: string) => value,
	[types.DATE]: (value: string) => value
};

function workerPort(): MessagePort {
	if (!parentPort) throw new Error('pglite-worker.ts runs only as a worker thread');
	return parentPort;
}
const port = workerPort();
const init = workerData as WorkerInit;
const post = (reply: WorkerReply) => port.postMessage(reply);

async function open(): Promise<PGlite> {
	if (init.dataDir !== undefined) keepCreatedFilesPrivate();
	const loadDataDir = init.initialDump ? new Blob([init.initialDump]) : undefined;
	const pg = await PGlite.create({
		dataDir: init.dataDir,
		loadDataDir,
		extensions: { pgcrypto },
		parsers,
		...init.assets
	});
	for (const channel of init.channels) await listen(pg, channel);
	return pg;
}

const unlisteners = new Map<string, () => Promise<void>>();

async function listen(pg: PGlite, channel: string): Promise<void> {
	if (unlisteners.has(channel)) return;
	const unlisten = await pg.listen(channel, (payload) => post({ type: 'notify', channel, payload }));
	unlisteners.set(channel, unlisten);
}

async function handle(pg: PGlite, request: WorkerRequest): Promise<WorkerReply | undefined> {
	const { id } = request;
	switch (request.op) {
		case 'query': {
			if (request.begin) await pg.exec(request.begin);
			const result = await pg.query<object>(request.sql, request.params);
			return {
				type: 'result',
				id,
				result: { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, fields: result.fields }
			};
		}
		case 'exec':
			if (request.begin) await pg.exec(request.begin);
			await pg.exec(request.sql);
			return { type: 'done', id };
		case 'commit':
		case 'rollback':
			// A transaction that ran no statement never began.
			if (!request.begin) await pg.exec(request.op);
			return { type: 'done', id };
		case 'listen':
			await listen(pg, request.channel);
			return { type: 'done', id };
		case 'unlisten':
			await unlisteners.get(request.channel)?.();
			unlisteners.delete(request.channel);
			return { type: 'done', id };
		case 'close':
			await pg.close();
			post({ type: 'done', id });
			port.close();
			return undefined;
	}
}

const started = performance.now();
open().then(
	(pg) => {
		post({ type: 'ready', openMs: performance.now() - started });
		// One request at a time, in arrival order: PGlite is a single connection,
		// and a transaction's statements must not interleave with anything else.
		let previous = Promise.resolve();
		port.on('message', (request: WorkerRequest) => {
			previous = previous.then(async () => {
				try {
					const reply = await handle(pg, request);
					if (reply) post(reply);
				} catch (err) {
					// A WASM trap (a WebAssembly.RuntimeError) leaves PGlite unusable; a PostgreSQL error does not.
					post({
						type: 'error',
						id: request.id,
						error: toWireError(err),
						broken: err instanceof Error && err.name === 'RuntimeError'
					});
				}
			});
		});
	},
	(err: unknown) => {
		post({ type: 'fatal', error: toWireError(err) });
		port.close();
	}
);
