// A year's view of the season periods: which touch the year, how long each
// is, and the days of the year no period covers (on those, the schedule
// rules refuse every template: app.template_problem says no season covers
// the date). Display only; the database keeps periods from overlapping.
import { addDays } from '$lib/calendar-date';

export interface DateRange {
	from: string;
	to: string;
}

interface Period {
	starts_on: string;
	ends_on: string;
}

const firstDay = (year: number) => `${year}-01-01`;
const lastDay = (year: number) => `${year}-12-31`;

/** Days from `from` to `to`, both included. */
export function daysIn(range: DateRange): number {
	return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The periods that cover some day of the year, in date order. */
export function periodsOfYear<P extends Period>(periods: readonly P[], year: number): P[] {
	return periods
		.filter((p) => p.starts_on <= lastDay(year) && p.ends_on >= firstDay(year))
		.sort((a, b) => a.starts_on.localeCompare(b.starts_on));
}

/** The stretches of the year that no period covers. */
export function uncovered(periods: readonly Period[], year: number): DateRange[] {
	const gaps: DateRange[] = [];
	let next = firstDay(year);
	for (const p of periodsOfYear(periods, year)) {
		if (p.starts_on > next) gaps.push({ from: next, to: addDays(p.starts_on, -1) });
		const after = addDays(p.ends_on, 1);
		if (after > next) next = after;
	}
	if (next <= lastDay(year)) gaps.push({ from: next, to: lastDay(year) });
	return gaps;
}
