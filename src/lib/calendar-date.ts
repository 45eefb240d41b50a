// Calendar dates (yyyy-mm-dd) without a time of day: arithmetic in UTC, where
// no daylight-saving change can move a date.

export function addDays(date: string, days: number): string {
	const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday of the week of `date` (ISO weeks). */
export function mondayOf(date: string): string {
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
	return addDays(date, -((weekday + 6) % 7));
}

/** Whether `value` is a real calendar date written yyyy-mm-dd. */
export function isCalendarDate(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}

/** Minutes as hours, e.g. 2400 → "40:00". */
export function hoursText(minutes: number): string {
	return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
