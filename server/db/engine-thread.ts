// One PGlite worker thread as the main thread sees it: requests go out
// numbered, replies come back in the same order (the worker runs one at a
// time), NOTIFY payloads are handed on as they arrive, and a watchdog times
// the request the worker is running now. When that request passes its
// deadline the owner decides what happens (pglite.ts): terminate and reopen,
// or, in memory, abandon the answer.
import { Worker } from 'node:worker_threads';
import { fromWireError } from './errors.ts';
import type { RowsReply, WorkerCall, WorkerInit, WorkerReply, WorkerRequest } from './pglite-protocol.ts';

const BOOT = new URL('./pglite-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./pglite-worker.ts', import.meta.url).href;

export type Reply = RowsReply | undefined;

interface Outstanding {
	id: number;
	timeoutMs: number;
	resolve: (reply: Reply) => void;
	reject: (err: Error) => void;
	/** The caller already has its answer (a deadline passed); drop the late reply. */
	abandoned: boolean;
}

export interface EngineEvents {
	onNotify(channel: string, payload: string): void;
	/** The request being run passed its deadline; `abandon` answers its caller with `err` now. */
	onDeadline(thread: EngineThread, request: { timeoutMs: number; abandon(err: Error): void }): void;
	/** The worker died or its engine broke; every outstanding request was rejected with `err`. */
	onLost(thread: EngineThread, err: Error): void;
}

export class EngineThread {
	/** Resolves with PGlite's open time in the worker (ms); rejects when it cannot open. */
	readonly ready: Promise<number>;
	readonly #worker: Worker;
	readonly #events: EngineEvents;
	/** Sent and not yet answered, in the order the worker will answer them. */
	readonly #queue: Outstanding[] = [];
	#nextId = 1;
	#watchdog: NodeJS.Timeout | undefined;
	#lost = false;
	#idle: { promise: Promise<void>; resolve: () => void } | undefined;

	constructor(init: Omit<WorkerInit, 'entry'>, events: EngineEvents) {
		this.#events = events;
		const workerData: WorkerInit = { ...init, entry: ENTRY };
		this.#worker = new Worker(BOOT, { workerData });
		let opened: (ms: number) => void = () => {};
		let failed: (err: Error) => void = () => {};
		this.ready = new Promise<number>((resolve, reject) => {
			opened = resolve;
			failed = reject;
		});
		// Marked handled: a failed open is reported to whoever awaits `ready`, never as unhandled.
		this.ready.catch(() => {});
		this.#worker.on('message', (reply: WorkerReply) => {
			if (reply.type === 'ready') opened(reply.openMs);
			else if (reply.type === 'fatal') failed(fromWireError(reply.error));
			else if (reply.type === 'notify') this.#events.onNotify(reply.channel, reply.payload);
			else this.#settle(reply);
		});
		this.#worker.on('error', (err) => {
			failed(err);
			this.#lose(err);
		});
		this.#worker.on('exit', (code) => {
			const err = new Error(`the database worker exited (code ${code})`);
			failed(err);
			this.#lose(err);
		});
	}

	get lost(): boolean {
		return this.#lost;
	}

	/** Sends one request; `timeoutMs` (0: none) counts from when the worker starts it. */
	send(call: WorkerCall, timeoutMs: number): Promise<Reply> {
		if (this.#lost) return Promise.reject(new Error('the database worker is gone'));
		const id = this.#nextId++;
		return new Promise<Reply>((resolve, reject) => {
			const entry: Outstanding = { id, timeoutMs, resolve, reject, abandoned: false };
			try {
				this.#worker.postMessage({ ...call, id } satisfies WorkerRequest);
			} catch (err) {
				// A parameter that cannot be cloned (a function, a class instance with private state).
				reject(err instanceof Error ? err : new Error(String(err)));
				return;
			}
			this.#queue.push(entry);
			if (this.#queue.length === 1) this.#arm();
		});
	}

	/** Resolves once the worker has answered everything sent (abandoned requests too) or is gone. */
	whenIdle(): Promise<void> {
		if (this.#queue.length === 0 || this.#lost) return Promise.resolve();
		if (!this.#idle) {
			let resolve: () => void = () => {};
			const promise = new Promise<void>((done) => (resolve = done));
			this.#idle = { promise, resolve };
		}
		return this.#idle.promise;
	}

	/** Stops the worker at once, whatever it is running. */
	async terminate(): Promise<void> {
		this.#lose(new Error('the database worker was stopped'));
		await this.#worker.terminate();
	}

	#settle(reply: Extract<WorkerReply, { id: number }>): void {
		const head = this.#queue[0];
		if (!head || head.id !== reply.id) return;
		this.#queue.shift();
		clearTimeout(this.#watchdog);
		this.#watchdog = undefined;
		if (this.#queue.length > 0) this.#arm();
		else this.#wake();
		if (reply.type === 'error') {
			const err = fromWireError(reply.error);
			if (!head.abandoned) head.reject(err);
			if (reply.broken) this.#lose(err);
		} else if (!head.abandoned) {
			head.resolve(reply.type === 'result' ? reply.result : undefined);
		}
	}

	/** Times the request at the head of the queue: the one the worker is running. */
	#arm(): void {
		const head = this.#queue[0];
		if (!head || head.timeoutMs <= 0) return;
		// setTimeout fires at once past 2^31 − 1 ms; no deadline is that long in practice.
		const delay = Math.min(head.timeoutMs, 2 ** 31 - 1);
		this.#watchdog = setTimeout(() => {
			this.#watchdog = undefined;
			if (this.#queue[0] !== head || head.abandoned) return;
			this.#events.onDeadline(this, {
				timeoutMs: head.timeoutMs,
				abandon(err) {
					head.abandoned = true;
					head.reject(err);
				}
			});
		}, delay);
	}

	#lose(err: Error): void {
		if (this.#lost) return;
		this.#lost = true;
		clearTimeout(this.#watchdog);
		for (const entry of this.#queue.splice(0)) if (!entry.abandoned) entry.reject(err);
		this.#wake();
		this.#events.onLost(this, err);
	}

	#wake(): void {
		this.#idle?.resolve();
		this.#idle = undefined;
	}
}
