// Keeps one PGlite worker thread alive for the Db in pglite.ts: starts it,
// and when a statement passes its deadline (in a data folder) or the worker
// dies, terminates it and reopens the folder in a new one — at once, so
// Broadcast from Database gets its LISTEN back without waiting for a call.
// A reopen that fails is not retried for a moment: calls meanwhile get a
// retryable DbUnavailableError instead of a stampede of reopens.
import { formatDuration } from './duration.ts';
import { DbUnavailableError, statementTimeoutError } from './errors.ts';
import { EngineThread } from './engine-thread.ts';
import { pgliteAssets } from './pglite-assets.ts';

/** After a failed reopen, calls fail fast for this long instead of retrying at once. */
const REOPEN_BACKOFF_MS = 2_000;
const RETRY_AFTER_S = 2;

export interface SupervisorOptions {
	/** undefined: in memory, where a worker cannot be replaced without losing the database. */
	dataDir: string | undefined;
	/** The channels a new worker must LISTEN on. */
	channels: () => string[];
	onNotify: (channel: string, payload: string) => void;
	log: (line: string) => void;
}

export class EngineSupervisor {
	readonly #options: SupervisorOptions;
	#thread: EngineThread | undefined;
	#starting: Promise<EngineThread> | undefined;
	#failedAt = 0;
	#stopping = false;

	constructor(options: SupervisorOptions) {
		this.#options = options;
	}

	/** `initialDump`: in memory, for tests, the first worker's starting data (PgliteOptions.initialDump). */
	async start(initialDump?: Uint8Array): Promise<void> {
		this.#thread = await this.#spawn(initialDump);
	}

	/** The running engine; after a stop or a failed reopen, the one being (re)opened. */
	engine(): Promise<EngineThread> {
		if (this.#thread && !this.#thread.lost) return Promise.resolve(this.#thread);
		if (this.#starting) return this.#starting;
		if (this.#stopping) return Promise.reject(new DbUnavailableError('closed', 'the database is closing', 5));
		if (Date.now() - this.#failedAt < REOPEN_BACKOFF_MS) {
			return Promise.reject(
				new DbUnavailableError(
					'restarting',
					'the embedded database could not be reopened; retrying soon',
					RETRY_AFTER_S
				)
			);
		}
		return this.#restart(undefined, 'the last reopen failed');
	}

	/** From now on nothing is reopened; a worker stopped at a deadline stays stopped. */
	stopRestarting(): void {
		this.#stopping = true;
	}

	/** Closes the engine cleanly (PGlite checkpoints, so the next open needs no recovery). */
	async shutdown(): Promise<void> {
		this.#stopping = true;
		const thread = this.#thread ?? (await this.#starting?.catch(() => undefined));
		this.#thread = undefined;
		if (!thread || thread.lost) return;
		try {
			await thread.send({ op: 'close' }, 0);
		} finally {
			await thread.terminate();
		}
	}

	/** `initialDump` only for the first worker: one that replaces a lost one starts as it always did. */
	async #spawn(initialDump?: Uint8Array): Promise<EngineThread> {
		const assets = await pgliteAssets();
		const { dataDir, channels, onNotify, log } = this.#options;
		const thread = new EngineThread(
			{ dataDir, channels: channels(), assets, initialDump },
			{
				onNotify,
				onDeadline: (stopped, request) => {
					request.abandon(statementTimeoutError());
					const deadline = formatDuration(request.timeoutMs);
					if (dataDir === undefined) {
						log(
							`database: a statement ran past its ${deadline} deadline; an in-memory database cannot be restarted, so it runs to its end while later calls wait`
						);
						return;
					}
					this.#replace(stopped, `a statement ran past its ${deadline} deadline`);
				},
				onLost: (lost, err) => this.#replace(lost, `the database worker failed (${err.message})`)
			}
		);
		try {
			await thread.ready;
		} catch (err) {
			await thread.terminate();
			throw err;
		}
		return thread;
	}

	/** Replaces `thread` once (a deadline, a crash); ignored for a thread already replaced. */
	#replace(thread: EngineThread, why: string): void {
		if (thread !== this.#thread) return;
		this.#thread = undefined;
		if (this.#stopping) {
			// Closing: stop it (the close waits for this turn to end) but open nothing new.
			void thread.terminate();
			return;
		}
		this.#restart(thread, why).catch(() => {});
	}

	#restart(old: EngineThread | undefined, why: string): Promise<EngineThread> {
		const { log } = this.#options;
		const started = performance.now();
		log(`database: ${why}; reopening the embedded database`);
		const starting = (async () => {
			await old?.terminate();
			return this.#spawn();
		})().then(
			(thread) => {
				this.#thread = thread;
				log(`database: embedded database reopened in ${Math.round(performance.now() - started)} ms`);
				return thread;
			},
			(err: unknown) => {
				this.#failedAt = Date.now();
				const reason = err instanceof Error ? err.message : String(err);
				log(`database: reopening the embedded database failed: ${reason}`);
				throw new DbUnavailableError(
					'restarting',
					`the embedded database could not be reopened: ${reason}`,
					RETRY_AFTER_S
				);
			}
		);
		this.#starting = starting;
		const settled = () => {
			if (this.#starting === starting) this.#starting = undefined;
		};
		starting.then(settled, settled);
		return starting;
	}
}
