// The Today board's lines as the page lists and counts them: those who need
// a supervisor's eye first (overdue, late, absent), then due, in, out on an
// outing, on leave and gone home; the headline counts. Where each agent
// stands is decided in SQL (public.attendance_today); this only orders and
// counts.
import { TODAY_STATES, type TodayLine, type TodayState } from '$lib/data/attendance-today';

export interface TodayCounts {
	/** Clocked in and still there, late arrivals included. */
	in: number;
	/** Arrived late, or not in past the grace. */
	late: number;
	/** Not in yet: due, or overdue. */
	notIn: number;
	leave: number;
	absent: number;
	outing: number;
	left: number;
}

export function todayCounts(lines: readonly TodayLine[]): TodayCounts {
	const count = (...states: TodayState[]) => lines.filter((l) => states.includes(l.state)).length;
	return {
		in: count('in', 'late'),
		late: count('late', 'overdue'),
		notIn: count('due', 'overdue'),
		leave: count('leave'),
		absent: count('absent'),
		outing: count('outing'),
		left: count('left')
	};
}

const RANK = new Map<TodayState, number>(TODAY_STATES.map((state, i) => [state, i]));

/** The lines of one team (or all, for null) in the board's order: state, then most minutes, then name. */
export function boardLines(lines: readonly TodayLine[], teamId: string | null): TodayLine[] {
	return lines
		.filter((l) => teamId === null || l.team_id === teamId)
		.sort(
			(a, b) =>
				(RANK.get(a.state) ?? 0) - (RANK.get(b.state) ?? 0) ||
				(b.minutes ?? 0) - (a.minutes ?? 0) ||
				a.display_name.localeCompare(b.display_name) ||
				(a.shift_start ?? '').localeCompare(b.shift_start ?? '')
		);
}
