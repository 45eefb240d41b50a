// A database chore the single box runs on a timer (on Supabase pg_cron runs
// the same SQL): at start, then every interval, one run at a time, so a
// slow run is never overlapped by the next. A failure is said once per
// distinct message, not at every tick, and the job keeps going.

export interface PeriodicJobOptions {
	/** One run; resolves with how much it did (0: nothing to say). */
	run: () => Promise<number>;
	/** Between two runs, in ms. */
	intervalMs: number;
	/** The log line for a run that did something (null: not worth a line). */
	did: (count: number) => string | null;
	/** What failed, for the log line of a failure ("closing attendance days"). */
	what: string;
	log?: (line: string) => void;
}

export interface PeriodicJobHandle {
	/** Resolves once a run in progress has ended; no run starts after. */
	stop(): Promise<void>;
	/** Runs now (waiting for one in progress first); resolves with what the run did. */
	runNow(): Promise<number>;
}

export function startPeriodicJob(options: PeriodicJobOptions): PeriodicJobHandle {
	const log = options.log ?? (() => {});
	let running: Promise<number> = Promise.resolve(0);
	let stopped = false;
	let lastError = '';

	const runOnce = async (): Promise<number> => {
		try {
			const count = await options.run();
			const line = count > 0 ? options.did(count) : null;
			if (line) log(line);
			lastError = '';
			return count;
		} catch (err) {
			const text = err instanceof Error ? err.message : String(err);
			if (text !== lastError) log(`${options.what} failed: ${text}`);
			lastError = text;
			return 0;
		}
	};
	const run = () => (running = running.then(() => (stopped ? 0 : runOnce())));

	void run();
	const timer = setInterval(() => void run(), options.intervalMs);
	timer.unref();
	return {
		runNow: run,
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		}
	};
}
