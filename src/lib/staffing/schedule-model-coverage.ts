// How much of each 15-minute interval a shift template staffs: the share of
// the interval's minutes the agent is on duty and not on a break. Shared by
// the solver and anything that draws coverage, so both count the same way.
import { DAY_INTERVALS, INTERVAL_MINUTES, type ScheduleTemplate } from './schedule-model-types.ts';

/** Minutes from the template's start to its end; across midnight when the end is not after the start. */
export function templateSpan(template: Pick<ScheduleTemplate, 'startMinute' | 'endMinute'>): number {
	const { startMinute, endMinute } = template;
	return endMinute > startMinute ? endMinute - startMinute : 1440 - startMinute + endMinute;
}

/**
 * The share (0–1) of each interval of the shift's day and the next (2 × 96 entries, index 0 =
 * 00:00 of the day it starts) that one agent on the template staffs.
 */
export function templateCoverage(
	template: Pick<ScheduleTemplate, 'startMinute' | 'endMinute' | 'breaks'>
): Float64Array {
	const onDuty = new Uint8Array(2 * 1440);
	const start = template.startMinute;
	onDuty.fill(1, start, start + templateSpan(template));
	for (const pause of template.breaks ?? []) {
		onDuty.fill(0, start + pause.startMinute, start + pause.startMinute + pause.minutes);
	}
	const shares = new Float64Array(2 * DAY_INTERVALS);
	for (let k = 0; k < shares.length; k++) {
		let minutes = 0;
		for (let m = k * INTERVAL_MINUTES; m < (k + 1) * INTERVAL_MINUTES; m++) minutes += onDuty[m] ?? 0;
		shares[k] = minutes / INTERVAL_MINUTES;
	}
	return shares;
}
