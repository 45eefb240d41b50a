// PGlite adapter: embedded PostgreSQL (WASM), data in a folder or in memory,
// run in a worker thread so that a statement that never ends cannot stall
// this thread's HTTP and WebSocket work.
//
// PGlite is one connection, so calls take turns (single-lane.ts): a query,
// a script or a whole transaction at a time, in arrival order; a
// transaction's callback runs here while its statements run inside one
// transaction held open in the worker. NOTIFY payloads are forwarded here.
//
// Deadlines: PGlite 0.5 has no way to cancel a running statement (no cancel
// request, and statement_timeout's timer cannot fire while the WASM call
// runs), so a statement past its deadline is answered with 57014 here and:
//   - with a data folder, the worker is terminated and a new one reopens the
//     folder (engine-supervisor.ts; PostgreSQL's crash recovery: committed
//     work survives, the cut transaction is gone); LISTENs are re-established;
//     callers waiting for their turn run on the new worker, each under its
//     own deadline;
//   - in memory, terminating would lose the whole database, so the statement
//     runs to its end in the worker while later callers wait their turn
//     (bounded by the lane's wait limit); this thread stays responsive.
import { EngineSupervisor } from './engine-supervisor.ts';
import type { EngineThread, Reply } from './engine-thread.ts';
import { DbUnavailableError, transactionAbortedError } from './errors.ts';
import type { BeginStatement, WorkerCall } from './pglite-protocol.ts';
import { makeTreePrivate } from './private-files.ts';
import { SingleLane } from './single-lane.ts';
import {
	NO_DEADLINE,
	type Db,
	type Queryable,
	type QueryResult,
	type StatementOptions,
	type TransactionOptions
} from './types.ts';

export interface PgliteOptions {
	/** The data folder (made private, 0700/0600); omit for an in-memory database. */
	dataDir?: string;
	/** Deadline of every statement that does not choose its own (ms); default none. */
	statementTimeoutMs?: number;
	/** Longest a call waits for its turn before failing as 'busy' (ms); default 10 s. */
	waitLimitMs?: number;
	log?: (line: string) => void;
	/**
	 * For tests only: the in-memory database starts as this dumped data folder
	 * (PGlite's dumpDataDir tarball, no compression) instead of an empty initdb,
	 * so a test suite migrates and seeds one template instead of every database
	 * (tests/support/db-template.ts). Only the first worker starts from it; the
	 * database behaves in every other way as any in-memory one. Not allowed
	 * with a dataDir.
	 */
	initialDump?: Uint8Array;
}

/** PostgREST's db-pool-acquisition-timeout default: how long a request may wait for the connection. */
const DEFAULT_WAIT_LIMIT_MS = 10_000;

interface Answer<T> {
	resolve: (value: T) => void;
	reject: (err: unknown) => void;
}

function toResult<T>(reply: Reply): QueryResult<T> {
	if (!reply) return { rows: [], rowCount: 0, fields: [] };
	// Rows are whatever the statement selected; the caller names their shape, as with PGlite's own query<T>.
	return { rows: reply.rows as T[], rowCount: reply.rowCount, fields: reply.fields };
}

class PgliteDb implements Db {
	readonly engine = 'pglite';
	readonly statementTimeoutMs: number;
	readonly #dataDir: string | undefined;
	readonly #lane: SingleLane;
	readonly #log: (line: string) => void;
	readonly #listeners = new Map<string, Set<(payload: string) => void>>();
	readonly #engines: EngineSupervisor;
	/** Held only until open() hands it to the first worker. */
	#initialDump: Uint8Array | undefined;
	#closing: Promise<void> | undefined;

	constructor(options: PgliteOptions) {
		if (options.initialDump && options.dataDir !== undefined) {
			throw new Error('openPglite: initialDump is for in-memory databases, not with a dataDir');
		}
		this.#dataDir = options.dataDir;
		this.#initialDump = options.initialDump;
		this.statementTimeoutMs = options.statementTimeoutMs ?? NO_DEADLINE;
		this.#lane = new SingleLane(options.waitLimitMs ?? DEFAULT_WAIT_LIMIT_MS);
		this.#log = options.log ?? (() => {});
		this.#engines = new EngineSupervisor({
			dataDir: options.dataDir,
			channels: () => [...this.#listeners.keys()],
			onNotify: (channel, payload) => this.#notify(channel, payload),
			log: this.#log
		});
	}

	async open(): Promise<void> {
		if (this.#dataDir !== undefined) await makeTreePrivate(this.#dataDir);
		const initialDump = this.#initialDump;
		this.#initialDump = undefined;
		await this.#engines.start(initialDump);
	}

	query<T extends object = Record<string, unknown>>(
		sql: string,
		params: readonly unknown[] = [],
		options?: StatementOptions
	): Promise<QueryResult<T>> {
		return this.#call({ op: 'query', sql, params: [...params] }, options).then((reply) => toResult<T>(reply));
	}

	async exec(script: string, options?: StatementOptions): Promise<void> {
		await this.#call({ op: 'exec', sql: script }, options);
	}

	async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
		this.#refuseWhenClosing();
		const timeoutMs = options?.timeoutMs ?? this.statementTimeoutMs;
		return this.#turn<T>(async (thread, answer) => {
			// BEGIN travels with the first statement: one message fewer per transaction.
			let begin: BeginStatement | undefined = options?.readOnly ? 'begin read only' : 'begin';
			const send = (call: Extract<WorkerCall, { op: 'query' | 'exec' }>): Promise<Reply> => {
				// The worker this transaction lived in was stopped at a deadline: the transaction is gone.
				if (thread.lost) return Promise.reject(transactionAbortedError());
				const withBegin = begin ? { ...call, begin } : call;
				begin = undefined;
				return thread.send(withBegin, timeoutMs);
			};
			const tx: Queryable = {
				query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
					toResult<R>(await send({ op: 'query', sql, params: [...params] })),
				exec: async (script: string) => {
					await send({ op: 'exec', sql: script });
				}
			};
			let result: T;
			try {
				result = await fn(tx);
			} catch (err) {
				// The caller hears at once; the rollback (in memory, after a statement that
				// ran past its deadline has ended) still happens in this turn.
				answer.reject(err);
				if (begin === undefined && !thread.lost) await thread.send({ op: 'rollback' }, NO_DEADLINE).catch(() => {});
				return;
			}
			if (begin !== undefined) return answer.resolve(result); // no statement ran: nothing to commit
			if (thread.lost) return answer.reject(transactionAbortedError());
			// COMMIT has no deadline: cut short, it might have committed anyway.
			await thread.send({ op: 'commit' }, NO_DEADLINE).then(
				() => answer.resolve(result),
				(err: unknown) => answer.reject(err)
			);
		});
	}

	async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
		this.#refuseWhenClosing();
		let listeners = this.#listeners.get(channel);
		const first = listeners === undefined;
		listeners ??= new Set();
		this.#listeners.set(channel, listeners);
		listeners.add(onPayload);
		if (first) {
			try {
				await this.#call({ op: 'listen', channel }, { timeoutMs: NO_DEADLINE });
			} catch (err) {
				listeners.delete(onPayload);
				if (listeners.size === 0 && this.#listeners.get(channel) === listeners) this.#listeners.delete(channel);
				throw err;
			}
		}
		const set = listeners;
		return async () => {
			set.delete(onPayload);
			if (set.size > 0 || this.#listeners.get(channel) !== set) return;
			this.#listeners.delete(channel);
			if (!this.#closing) await this.#call({ op: 'unlisten', channel }, { timeoutMs: NO_DEADLINE });
		};
	}

	close(): Promise<void> {
		if (!this.#closing) {
			// At once, not when the close gets its turn: a statement cut meanwhile must not reopen anything.
			this.#engines.stopRestarting();
			this.#closing = this.#lane.run(() => this.#engines.shutdown(), NO_DEADLINE);
		}
		return this.#closing;
	}

	#notify(channel: string, payload: string): void {
		for (const listener of this.#listeners.get(channel) ?? []) {
			try {
				listener(payload);
			} catch (err) {
				this.#log(`database: a listener of ${channel} failed: ${err instanceof Error ? err.message : String(err)}`);
			}
		}
	}

	#refuseWhenClosing(): void {
		if (this.#closing) throw new DbUnavailableError('closed', 'the database is closing', 5);
	}

	async #call(call: WorkerCall, options: StatementOptions | undefined): Promise<Reply> {
		this.#refuseWhenClosing();
		const timeoutMs = options?.timeoutMs ?? this.statementTimeoutMs;
		return this.#turn<Reply>((thread, answer) => thread.send(call, timeoutMs).then(answer.resolve, answer.reject));
	}

	/**
	 * One turn on the engine. The caller is answered through `answer` as soon
	 * as there is an answer — at a deadline, before the statement ends — but
	 * the turn lasts until the worker is really free again, so in memory the
	 * callers behind a statement that runs on wait (bounded by the lane's wait
	 * limit) instead of queueing unseen inside the worker.
	 */
	#turn<T>(work: (thread: EngineThread, answer: Answer<T>) => Promise<void>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#lane
				.run(async () => {
					const thread = await this.#engines.engine();
					await work(thread, { resolve, reject });
					await thread.whenIdle();
				})
				.catch(reject);
		});
	}
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
	const db = new PgliteDb(options);
	await db.open();
	return db;
}
