// A team's week shaped for paper: one row per agent with their shifts per
// day and weekly paid hours (paid minutes are derived in SQL per shift; this
// only adds them up), the open shifts per day, and how many agents work each
// day. Agents of the team without a shift still get a row (a week of rest
// days), and agents who hold a shift but left the team since keep theirs.
import type { RotaShift } from '$lib/rota/edits';

export interface PrintAgent {
	id: string;
	display_name: string;
	employee_no: string;
}

export interface PrintRow {
	agent: PrintAgent;
	/** Per day of the week, that day's shifts in start order (empty: a rest day). */
	days: RotaShift[][];
	paidMin: number;
}

export interface PrintWeek {
	rows: PrintRow[];
	/** Per day, the shifts nobody holds yet. */
	open: RotaShift[][];
	/** Per day, how many agents work (an agent with two shifts counts once). */
	headcount: number[];
	paidMin: number;
}

const byStart = (a: RotaShift, b: RotaShift) => a.starts_at.localeCompare(b.starts_at);

export function printWeek(
	agents: readonly PrintAgent[],
	shifts: readonly RotaShift[],
	days: readonly string[]
): PrintWeek {
	const rows = [...agents]
		.sort((a, b) => a.employee_no.localeCompare(b.employee_no, 'en', { numeric: true }))
		.map((agent) => {
			const own = shifts.filter((s) => s.agent_id === agent.id);
			return {
				agent,
				days: days.map((day) => own.filter((s) => s.day === day).sort(byStart)),
				paidMin: own.reduce((sum, s) => sum + s.paid_min, 0)
			};
		});
	return {
		rows,
		open: days.map((day) => shifts.filter((s) => s.agent_id === null && s.day === day).sort(byStart)),
		headcount: days.map(
			(day) => new Set(shifts.filter((s) => s.day === day && s.agent_id).map((s) => s.agent_id)).size
		),
		paidMin: rows.reduce((sum, r) => sum + r.paidMin, 0)
	};
}
