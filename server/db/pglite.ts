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
//     folder (PostgreSQL's crash recovery: committed work survives, the cut
//     transaction is gone); LISTENs are re-established; callers waiting for
//     their turn run on the new worker, each under its own deadline;
//   - in memory, terminating would lose the whole database, so the statement
//     runs to its end in the worker while later callers wait their turn
//     (bounded by the lane's wait limit); this thread stays responsive.
import { DbUnavailableError, statementTimeoutError, transactionAbortedError } from './errors.ts';
import { formatDuration } from './duration.ts';
import { EngineThread, type EngineEvents, type Reply } from './engine-thread.ts';
import { pgliteAssets } from './pglite-assets.ts';
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
}

/** PostgREST's db-pool-acquisition-timeout default: how long a request may wait for the connection. */
const DEFAULT_WAIT_LIMIT_MS = 10_000;
/** After a failed reopen, calls fail fast for this long instead of retrying at once. */
const REOPEN_BACKOFF_MS = 2_000;

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
	#thread: EngineThread | undefined;
	#starting: Promise<EngineThread> | undefined;
	#failedAt = 0;
	#closing: Promise<void> | undefined;
	readonly #events: EngineEvents = {
		onNotify: (channel, payload) => {
			for (const listener of this.#listeners.get(channel) ?? []) {
				try {
					listener(payload);
				} catch (err) {
					this.#log(`database: a listener of ${channel} failed: ${err instanceof Error ? err.message : String(err)}`);
				}
			}
		},
		onDeadline: (thread, request) => {
			request.abandon(statementTimeoutError());
			if (this.#dataDir === undefined) {
				this.#log(
					`database: a statement ran past its ${formatDuration(request.timeoutMs)} deadline; an in-memory database cannot be restarted, so it runs to its end while later calls wait`
				);
				return;
			}
			this.#replace(thread, `a statement ran past its ${formatDuration(request.timeoutMs)} deadline`);
		},
		onLost: (thread, err) => this.#replace(thread, `the database worker failed (${err.message})`)
	};

	constructor(options: PgliteOptions) {
		this.#dataDir = options.dataDir;
		this.statementTimeoutMs = options.statementTimeoutMs ?? NO_DEADLINE;
		this.#lane = new SingleLane(options.waitLimitMs ?? DEFAULT_WAIT_LIMIT_MS);
		this.#log = options.log ?? (() => {});
	}

	async open(): Promise<void> {
		if (this.#dataDir !== undefined) await makeTreePrivate(this.#dataDir);
		this.#thread = await this.#spawn();
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
		this.#closing ??= this.#lane.run(async () => {
			const thread = this.#thread ?? (await this.#starting?.catch(() => undefined));
			this.#thread = undefined;
			if (!thread || thread.lost) return;
			try {
				// A clean shutdown: PGlite checkpoints, so the next open needs no recovery.
				await thread.send({ op: 'close' }, NO_DEADLINE);
			} finally {
				await thread.terminate();
			}
		}, NO_DEADLINE);
		return this.#closing;
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
					const thread = await this.#engine();
					await work(thread, { resolve, reject });
					await thread.whenIdle();
				})
				.catch(reject);
		});
	}

	async #spawn(): Promise<EngineThread> {
		const assets = await pgliteAssets();
		const thread = new EngineThread(
			{ dataDir: this.#dataDir, channels: [...this.#listeners.keys()], assets },
			this.#events
		);
		try {
			await thread.ready;
		} catch (err) {
			await thread.terminate();
			throw err;
		}
		return thread;
	}

	/** The running engine; after a stop or a failed reopen, the one being (re)started. */
	#engine(): Promise<EngineThread> {
		if (this.#thread && !this.#thread.lost) return Promise.resolve(this.#thread);
		if (this.#starting) return this.#starting;
		const since = Date.now() - this.#failedAt;
		if (since < REOPEN_BACKOFF_MS) {
			return Promise.reject(
				new DbUnavailableError('restarting', 'the embedded database could not be reopened; retrying soon', 2)
			);
		}
		return this.#restart(undefined, 'the last reopen failed');
	}

	/** Replaces `thread` once (a deadline, a crash); ignored for a thread already replaced. */
	#replace(thread: EngineThread, why: string): void {
		if (thread !== this.#thread) return;
		this.#thread = undefined;
		if (this.#closing) {
			// Closing: stop it (close() waits for this turn to end) but open nothing new.
			void thread.terminate();
			return;
		}
		// Reopen at once, not on the next call: Broadcast from Database needs its LISTEN back.
		this.#restart(thread, why).catch(() => {});
	}

	#restart(old: EngineThread | undefined, why: string): Promise<EngineThread> {
		const started = performance.now();
		this.#log(`database: ${why}; reopening the embedded database`);
		const starting = (async () => {
			await old?.terminate();
			return this.#spawn();
		})().then(
			(thread) => {
				this.#thread = thread;
				this.#log(`database: embedded database reopened in ${Math.round(performance.now() - started)} ms`);
				return thread;
			},
			(err: unknown) => {
				this.#failedAt = Date.now();
				const reason = err instanceof Error ? err.message : String(err);
				this.#log(`database: reopening the embedded database failed: ${reason}`);
				throw new DbUnavailableError('restarting', `the embedded database could not be reopened: ${reason}`, 2);
			}
		);
		this.#starting = starting;
		starting.then(
			() => this.#settled(starting),
			() => this.#settled(starting)
		);
		return starting;
	}

	#settled(starting: Promise<EngineThread>): void {
		if (this.#starting === starting) this.#starting = undefined;
	}
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
	const db = new PgliteDb(options);
	await db.open();
	return db;
}
