// A month of attendance as the screens show it: months named yyyy-mm (the
// URL's [[month]]), the dates in one, and each agent's totals. Pure, so the
// team grid, the agent's month and the agent's own month count alike.
import { addDays } from '$lib/calendar-date';
import type { Enums } from '$lib/database.types';

type Status = Enums<'attendance_status'>;

/** Whether `value` names a month as yyyy-mm. */
export function isMonth(value: string): boolean {
	const found = /^(\d{4})-(\d{2})$/.exec(value);
	return found !== null && Number(found[2]) >= 1 && Number(found[2]) <= 12;
}

/** The month (yyyy-mm) a calendar date falls in. */
export const monthOf = (date: string): string => date.slice(0, 7);

export const firstOfMonth = (month: string): string => `${month}-01`;

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
	const [year, mon] = month.split('-').map(Number) as [number, number];
	const index = year * 12 + (mon - 1) + n;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every date of the month, first to last. */
export function datesOfMonth(month: string): string[] {
	const first = firstOfMonth(month);
	const next = firstOfMonth(addMonths(month, 1));
	const dates: string[] = [];
	for (let d = first; d < next; d = addDays(d, 1)) dates.push(d);
	return dates;
}

export const lastOfMonth = (month: string): string => addDays(firstOfMonth(addMonths(month, 1)), -1);

/** The month a page shows: the URL's when it names one, else the site's current month. */
export const shownMonth = (param: string | undefined, today: string): string =>
	param !== undefined && isMonth(param) ? param : monthOf(today);

export interface CountedDay {
	status: Status;
	late_min: number;
	early_min: number;
	worked_min: number;
	deduction: number;
}

export interface MonthTotals {
	/** Days (shifts) judged, rest and holidays left out, and days still open (today, the days ahead). */
	judged: number;
	byStatus: Partial<Record<Status, number>>;
	lateMin: number;
	earlyMin: number;
	workedMin: number;
	deduction: number;
}

// Not counted as judged: days off, and open days, whose result is not known
// yet (the month pages list the published days ahead as open).
const NOT_JUDGED: readonly Status[] = ['rest', 'holiday', 'open'];

/**
 * A month's totals. The minutes late (early) are those of the days counted
 * late (left early), as in the monthly report, so "late 2 times, 33 min"
 * adds up: a day on time within the grace keeps its few minutes, and a day
 * judged a half-day or an absence for its lateness counts there. An open
 * day adds nothing but its count by status: its result is not known yet.
 */
export function monthTotals(days: readonly CountedDay[]): MonthTotals {
	const totals: MonthTotals = { judged: 0, byStatus: {}, lateMin: 0, earlyMin: 0, workedMin: 0, deduction: 0 };
	for (const day of days) {
		totals.byStatus[day.status] = (totals.byStatus[day.status] ?? 0) + 1;
		if (day.status === 'open') continue;
		if (!NOT_JUDGED.includes(day.status)) totals.judged++;
		if (day.status === 'late') totals.lateMin += day.late_min;
		if (day.status === 'early_leave') totals.earlyMin += day.early_min;
		totals.workedMin += day.worked_min;
		// numeric(10,2) arrives as a number; cents keep the sum exact.
		totals.deduction = Math.round(totals.deduction * 100 + Number(day.deduction) * 100) / 100;
	}
	return totals;
}

/** Days grouped by agent, then by date (a date may hold two shifts). */
export function daysByAgentAndDate<T extends { agent_id: string; work_date: string }>(
	days: readonly T[]
): Map<string, Map<string, T[]>> {
	const grouped = new Map<string, Map<string, T[]>>();
	for (const day of days) {
		let dates = grouped.get(day.agent_id);
		if (!dates) grouped.set(day.agent_id, (dates = new Map<string, T[]>()));
		const list = dates.get(day.work_date);
		if (list) list.push(day);
		else dates.set(day.work_date, [day]);
	}
	return grouped;
}
