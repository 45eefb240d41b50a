// Words for adherence, declared once for the agents board and the Today
// page: the scheduled activity, until when (a clock time today, with the
// weekday on another day), and the minutes out of adherence.
import type { ScheduledActivity } from '$lib/data/adherence';
import type { AgentSchedule } from '$lib/live/agent-view';
import { formatTime } from '$lib/live/format';
import { siteDay } from '$lib/live/site-time';
import { m } from '$lib/paraglide/messages';

export const ACTIVITY_LABEL: Record<ScheduledActivity, () => string> = {
	shift: m.adh_activity_shift,
	break: m.adh_activity_break,
	off: m.adh_activity_off,
	unscheduled: m.adh_activity_unscheduled
};

const weekdays = new Map<string, Intl.DateTimeFormat>();

/** "16:30" today, "周一 09:00" / "Mon 09:00" on another day; "" when no end is known. */
export function untilText(until: number | null, now: number, timeZone: string, locale: string): string {
	if (until === null) return '';
	const time = formatTime(until, timeZone, locale, false);
	if (until < siteDay(now, timeZone).end) return time;
	const key = `${locale}|${timeZone}`;
	let weekday = weekdays.get(key);
	if (!weekday) {
		weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short' });
		weekdays.set(key, weekday);
	}
	return `${weekday.format(until)} ${time}`;
}

/**
 * "上班 至 16:30" / "Shift to 16:30", or the activity alone. `todayOnly`: an
 * end on another day is left out (a board's narrow card has no room for it).
 */
export function scheduleText(
	schedule: AgentSchedule,
	now: number,
	timeZone: string,
	locale: string,
	todayOnly = false
): string {
	const later = schedule.until !== null && schedule.until >= siteDay(now, timeZone).end;
	const until = todayOnly && later ? '' : untilText(schedule.until, now, timeZone, locale);
	const activity = ACTIVITY_LABEL[schedule.activity]();
	return until ? m.adh_activity_until({ activity, until }) : activity;
}

/** The tooltip and screen-reader words of an agent's adherence. */
export function adherenceTitle(schedule: AgentSchedule, now: number, timeZone: string, locale: string): string {
	const scheduled = scheduleText(schedule, now, timeZone, locale);
	if (schedule.inAdherence === null) return m.adh_title_unjudged({ scheduled });
	return schedule.inAdherence
		? m.adh_title_in({ scheduled, minutes: schedule.minutesOut })
		: m.adh_title_out({ scheduled, minutes: schedule.minutesOut });
}
