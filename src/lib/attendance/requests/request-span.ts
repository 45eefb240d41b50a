// The instants a request covers, from what a person types in the site's
// terms: whole days (no times) run from the first day's local midnight to
// the midnight after the last day; with times, from the first day at the
// start time to the last day at the end time. The site's time zone, never
// the phone's: a leave at 09:00 means 09:00 where the agent works.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.union([z.literal(''), z.string().regex(/^\d{2}:\d{2}$/)]);

export const spanInputSchema = z.object({ fromDate: date, toDate: date, fromTime: time, toTime: time });
export type SpanInput = z.infer<typeof spanInputSchema>;

export type SpanResult =
	{ ok: true; startsAt: string; endsAt: string } | { ok: false; problem: 'incomplete' | 'order' };

/** yyyy-mm-dd and hh:mm (checked by spanInputSchema) as an instant at the site. */
function localInstant(day: string, hhmm: string, timeZone: string, addDays = 0): number {
	const [y = 0, mo = 1, d = 1] = day.split('-').map(Number);
	const [h = 0, mi = 0] = hhmm === '' ? [] : hhmm.split(':').map(Number);
	return new TZDate(y, mo - 1, d + addDays, h, mi, 0, timeZone).getTime();
}

export function requestSpan(input: SpanInput, timeZone: string): SpanResult {
	const parsed = spanInputSchema.safeParse(input);
	const { fromTime, toTime } = input;
	if (!parsed.success || (fromTime === '') !== (toTime === '')) return { ok: false, problem: 'incomplete' };
	const wholeDays = fromTime === '';
	const start = localInstant(input.fromDate, fromTime, timeZone);
	const end = localInstant(input.toDate, toTime, timeZone, wholeDays ? 1 : 0);
	if (end <= start) return { ok: false, problem: 'order' };
	return { ok: true, startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}
