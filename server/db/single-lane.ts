// One caller at a time, first come first served, like a connection pool of
// size one: PGlite is a single connection, so a statement or a whole
// transaction holds the lane until it ends. Waiting is bounded — a caller
// still waiting after `waitLimitMs` gets a DbUnavailableError ('busy') and
// can retry, instead of hanging behind a database that is stuck or restarting.
import { DbUnavailableError } from './errors.ts';

interface Waiter {
	start: () => void;
	timer: NodeJS.Timeout | undefined;
}

export class SingleLane {
	readonly #waitLimitMs: number;
	readonly #waiters: Waiter[] = [];
	#busy = false;

	constructor(waitLimitMs: number) {
		this.#waitLimitMs = waitLimitMs;
	}

	/** Callers waiting for the lane (not counting the one holding it). */
	get waiting(): number {
		return this.#waiters.length;
	}

	/** Runs fn when it is this caller's turn; `waitLimitMs` 0 waits however long it takes. */
	async run<T>(fn: () => Promise<T>, waitLimitMs = this.#waitLimitMs): Promise<T> {
		await this.#acquire(waitLimitMs);
		try {
			return await fn();
		} finally {
			this.#release();
		}
	}

	#acquire(waitLimitMs: number): Promise<void> {
		if (!this.#busy) {
			this.#busy = true;
			return Promise.resolve();
		}
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = { start: resolve, timer: undefined };
			if (waitLimitMs > 0) {
				waiter.timer = setTimeout(() => {
					const at = this.#waiters.indexOf(waiter);
					if (at >= 0) this.#waiters.splice(at, 1);
					reject(new DbUnavailableError('busy', `waited ${waitLimitMs} ms for the database without getting a turn`, 1));
				}, waitLimitMs);
			}
			this.#waiters.push(waiter);
		});
	}

	#release(): void {
		const next = this.#waiters.shift();
		if (!next) {
			this.#busy = false;
			return;
		}
		clearTimeout(next.timer);
		next.start();
	}
}
