// Closes attendance days on the single box: once a shift's check-out window
// has passed its day is judged for the last time (no punch becomes an
// absence, one punch a missing punch) and published, which starts the
// appeal deadline. public.close_attendance_days does the work; this only
// calls it every minute, one call at a time. On Supabase pg_cron runs the
// same function (README, "Attendance").
import type { Queryable } from '../db/types.ts';
import { startPeriodicJob, type PeriodicJobHandle } from '../jobs/periodic.ts';

export interface AttendanceCloserOptions {
	/** Runs public.close_attendance_days once and says how many days it closed (closeDays(db) on the box). */
	close: () => Promise<number>;
	/** Between two runs, in ms (default one minute: a day closes at most a minute late). */
	intervalMs?: number;
	log?: (line: string) => void;
}

export type AttendanceCloserHandle = PeriodicJobHandle;

/** One call of the closing function on a database connection. */
export async function closeDays(db: Queryable): Promise<number> {
	const result = await db.query<{ closed: number }>('select public.close_attendance_days() as closed');
	return Number(result.rows[0]?.closed ?? 0);
}

export function startAttendanceCloser(options: AttendanceCloserOptions): AttendanceCloserHandle {
	return startPeriodicJob({
		run: options.close,
		intervalMs: options.intervalMs ?? 60_000,
		did: (closed) => `closed ${closed} attendance day(s)`,
		what: 'closing attendance days',
		log: options.log
	});
}
