// Requests in the user's language: kinds, leave types, statuses, steps,
// spans in the site's time zone, durations, and the refusals the request
// functions give by design (SQLSTATE CB065–CB069, migration
// 20261207120000; CB070 the month lock). Anything else shows the API's
// usual reasons or the database's own words.
import type { LeaveType, RequestKind, RequestStatus, RequestStep } from '$lib/data/attendance-requests';
import { errorDetail } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { roleLabel } from '$lib/shell/labels';
import type { AppRole } from '$lib/shell/nav';

const KIND: Record<RequestKind, () => string> = {
	leave: m.att_req_kind_leave,
	outing: m.att_req_kind_outing,
	overtime: m.att_req_kind_overtime
};
const LEAVE: Record<LeaveType, () => string> = {
	annual: m.att_req_leave_annual,
	sick: m.att_req_leave_sick,
	personal: m.att_req_leave_personal,
	compensatory: m.att_req_leave_compensatory,
	visit_half_day: m.att_req_leave_visit_half_day,
	marriage: m.att_req_leave_marriage,
	maternity: m.att_req_leave_maternity,
	bereavement: m.att_req_leave_bereavement,
	other: m.att_req_leave_other
};
const STATUS: Record<RequestStatus, () => string> = {
	pending: m.att_req_status_pending,
	approved: m.att_req_status_approved,
	rejected: m.att_req_status_rejected,
	cancelled: m.att_req_status_cancelled
};
const STEP: Record<RequestStep['action'], (p: { by: string }) => string> = {
	filed: m.att_req_step_filed,
	approved: m.att_req_step_approved,
	rejected: m.att_req_step_rejected,
	cancelled: m.att_req_step_cancelled,
	commented: m.att_req_step_commented
};

export const kindLabel = (kind: RequestKind): string => KIND[kind]();
export const leaveTypeLabel = (type: LeaveType): string => LEAVE[type]();
export const requestStatusLabel = (status: RequestStatus): string => STATUS[status]();

/** "年假 Annual leave" for a leave, "外出 Outing" otherwise. */
export function requestTitle(kind: RequestKind, leaveType: string | null): string {
	const type = leaveType && leaveType in LEAVE ? (leaveType as LeaveType) : null;
	return kind === 'leave' && type ? leaveTypeLabel(type) : kindLabel(kind);
}

const isRole = (role: string | null): role is AppRole =>
	role === 'lead' || role === 'supervisor' || role === 'manager' || role === 'admin';

/** "Approved by 组长一 as team lead · 12月5日 10:13" in the site's time zone. */
export function stepText(step: RequestStep, timeZone: string): string {
	const by = step.made_by ?? '—';
	const who = isRole(step.as_role) ? m.att_req_step_as({ by, role: roleLabel(step.as_role) }) : by;
	return m.att_req_step_at({ step: STEP[step.action]({ by: who }), time: momentText(step.made_at, timeZone) });
}

/** "12月7日 周一 09:00" in the site's time zone. */
export function momentText(at: string, timeZone: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		month: 'short',
		day: 'numeric',
		weekday: 'short',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(at));
}

/** "12月7日周一" in the site's time zone. */
function dayText(atMs: number, timeZone: string): string {
	return new Intl.DateTimeFormat(getLocale(), { month: 'short', day: 'numeric', weekday: 'short', timeZone }).format(
		new Date(atMs)
	);
}

/**
 * "12月7日周一 09:00 – 12:30", "12月7日周一 – 12月8日周二" for whole days
 * (site midnight to site midnight: the last day is the one before the end).
 */
export function spanText(startsAt: string, endsAt: string, timeZone: string): string {
	const start = Date.parse(startsAt);
	const end = Date.parse(endsAt);
	if (siteDay(start, timeZone).start === start && siteDay(end, timeZone).start === end) {
		const lastDay = siteDay(end - 1, timeZone).start;
		return lastDay === start ? dayText(start, timeZone) : `${dayText(start, timeZone)} – ${dayText(lastDay, timeZone)}`;
	}
	const sameDay = siteDay(start, timeZone).start === siteDay(end, timeZone).start;
	return `${momentText(startsAt, timeZone)} – ${sameDay ? clockText(end, timeZone) : momentText(endsAt, timeZone)}`;
}

function clockText(atMs: number, timeZone: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(atMs));
}

/** A balance or a leave's minutes as days of 8 hours and hours: "2 天 4 小时", "1.5 h". */
export function durationText(minutes: number): string {
	const days = Math.trunc(minutes / 480);
	const hours = Math.round(((minutes % 480) / 60) * 10) / 10;
	if (days === 0) return m.att_req_hours({ hours });
	if (hours === 0) return m.att_req_days({ days });
	return m.att_req_days_hours({ days, hours });
}

function code(err: unknown): string {
	if (typeof err !== 'object' || err === null || !('code' in err)) return '';
	return typeof err.code === 'string' ? err.code : '';
}

function detail(err: unknown): string {
	if (typeof err !== 'object' || err === null || !('message' in err)) return '';
	return typeof err.message === 'string' ? err.message : '';
}

/** Why a request could not be filed, decided or cancelled, in the user's language. */
export function requestProblem(err: unknown): string {
	switch (code(err)) {
		case 'CB065':
			return m.att_req_err_invalid({ detail: detail(err) });
		case 'CB066':
			return m.att_req_err_late();
		case 'CB067':
			return m.att_req_err_balance();
		case 'CB068':
			return m.att_req_err_state();
		case 'CB069':
			return m.att_req_err_not_your_step();
		case 'CB070':
			return m.att_req_err_month_locked();
		default:
			return errorDetail(err);
	}
}
