// Closes attendance days on the single box: once a shift's check-out window
// has passed its day is judged for the last time (no punch becomes an
// absence, one punch a missing punch) and published, which starts the
// appeal deadline. public.close_attendance_days does the work; this only
// calls it every minute, one call at a time. On Supabase pg_cron runs the
// same function (README, "Attendance").
import type { Queryable } from '../db/types.ts';

export interface AttendanceCloserOptions {
	/** Runs public.close_attendance_days once and says how many days it closed (closeDays(db) on the box). */
	close: () => Promise<number>;
	/** Between two runs, in ms (default one minute: a day closes at most a minute late). */
	intervalMs?: number;
	log?: (line: string) => void;
}

export interface AttendanceCloserHandle {
	/** Resolves once a run in progress has ended; no run starts after. */
	stop(): Promise<void>;
	/** Runs now (waiting for one in progress first); resolves with the days closed. */
	runNow(): Promise<number>;
}

/** One call of the closing function on a database connection. */
export async function closeDays(db: Queryable): Promise<number> {
	const result = await db.query<{ closed: number }>('select public.close_attendance_days() as closed');
	return Number(result.rows[0]?.closed ?? 0);
}

export function startAttendanceCloser(options: AttendanceCloserOptions): AttendanceCloserHandle {
	const log = options.log ?? (() => {});
	let running: Promise<number> = Promise.resolve(0);
	let stopped = false;
	let lastError = '';

	const runOnce = async (): Promise<number> => {
		try {
			const closed = await options.close();
			if (closed > 0) log(`closed ${closed} attendance day(s)`);
			lastError = '';
			return closed;
		} catch (err) {
			// Said once per distinct failure, not every minute.
			const text = err instanceof Error ? err.message : String(err);
			if (text !== lastError) log(`closing attendance days failed: ${text}`);
			lastError = text;
			return 0;
		}
	};
	const run = () => (running = running.then(() => (stopped ? 0 : runOnce())));

	void run();
	const timer = setInterval(() => void run(), options.intervalMs ?? 60_000);
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
