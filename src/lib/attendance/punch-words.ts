// A punch's outcome in words, shared by the agent's clock card and the
// kiosk: its time, the shift it counts for and whether it was late, in the
// site's time zone. Lateness is the engine's (attendance_days.late_min);
// nothing here judges.
import type { Punched } from '$lib/data/punches';
import { formatTime } from '$lib/live/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export const clockTime = (iso: string, timeZone: string): string =>
	formatTime(Date.parse(iso), timeZone, getLocale(), false);

/** "09:00–17:00" of the shift the punch counts for, or null without one. */
export function shiftSpan(outcome: Punched, timeZone: string): { start: string; end: string } | null {
	if (!outcome.shift) return null;
	return { start: clockTime(outcome.shift.start_ts, timeZone), end: clockTime(outcome.shift.end_ts, timeZone) };
}

/**
 * Late or on time, as the engine judged the arrival (its explanation's
 * on_time / late / late_half_day / late_absent): null when there is no
 * judged arrival (no shift, no engine run) or the punch is a clock-out,
 * which says nothing about arriving.
 */
export function lateWords(outcome: Punched): string | null {
	const arrival = outcome.day?.arrival;
	if (!arrival || outcome.punch.direction === 'out') return null;
	return arrival.code === 'on_time' ? m.att_clock_on_time() : m.att_clock_late({ minutes: arrival.minutes });
}
