// The engine's explanation of a judged day (attendance_days.explanation: an
// array of {code, params}, migration 20261207110000) in the reader's
// language. The database stores codes and numbers, never sentences, so the
// same day reads in Chinese for the agent and in English for a visitor, and
// the instants in it (UTC ISO strings) are shown on the site's clock.
import { z } from 'zod';
import { hoursText } from '$lib/calendar-date';
import type { Json } from '$lib/database.types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { leaveTypeLabel } from './requests/request-words';
import { statusLabel, type AttendanceStatus } from './status';
import type { LeaveType } from '$lib/data/attendance-requests';

const line = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()).default({}) });
const lines = z.array(line);
type Params = Record<string, unknown>;

const STATUSES = new Set<string>([
	'present',
	'late',
	'early_leave',
	'half_day',
	'absent',
	'leave',
	'outing',
	'rest',
	'holiday',
	'missing_punch',
	'open'
]);
const LEAVE_TYPES = new Set<string>([
	'annual',
	'sick',
	'personal',
	'compensatory',
	'visit_half_day',
	'marriage',
	'maternity',
	'bereavement',
	'other'
]);

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** Whether an explanation holds a line of this code (e.g. 'open', which already says when the day closes). */
export function explanationHas(explanation: Json, code: string): boolean {
	const parsed = lines.safeParse(explanation);
	return parsed.success && parsed.data.some((l) => l.code === code);
}

/** Words one explanation: a day's lines in order, on the site's clock. */
export function explainDay(explanation: Json, timeZone = 'Asia/Shanghai'): string[] {
	const parsed = lines.safeParse(explanation);
	if (!parsed.success) return [];
	return parsed.data.map(({ code, params }) => explainLine(code, params, timeZone));
}

function clock(iso: unknown, timeZone: string): string {
	const ms = Date.parse(text(iso));
	if (Number.isNaN(ms)) return '';
	return new Intl.DateTimeFormat(getLocale(), {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(ms);
}

function stamp(iso: unknown, timeZone: string): string {
	const ms = Date.parse(text(iso));
	if (Number.isNaN(ms)) return '';
	return new Intl.DateTimeFormat(getLocale(), {
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(ms);
}

const span = (p: Params, timeZone: string) =>
	p.from && p.to ? ` ${clock(p.from, timeZone)} – ${clock(p.to, timeZone)}` : '';
const holidayName = (p: Params) => (p.name ? ` ${text(p.name)}` : '');
const status = (v: unknown) => (STATUSES.has(text(v)) ? statusLabel(text(v) as AttendanceStatus) : text(v));
const leaveType = (v: unknown) => (LEAVE_TYPES.has(text(v)) ? leaveTypeLabel(text(v) as LeaveType) : text(v));

function explainLine(code: string, p: Params, timeZone: string): string {
	const at = clock(p.at, timeZone);
	const expected = clock(p.expected, timeZone);
	const minutes = num(p.minutes);
	const tiers = { at, expected, minutes, grace: num(p.grace), half_day_max: num(p.half_day_max) };
	switch (code) {
		case 'leave':
			return m.att_why_leave({ type: leaveType(p.leave_type), span: span(p, timeZone) });
		case 'outing':
			return m.att_why_outing({ span: span(p, timeZone) });
		case 'overtime_approved':
			return m.att_why_overtime_approved({ span: span(p, timeZone) });
		case 'holiday_not_judged':
			return m.att_why_holiday_not_judged({ name: holidayName(p) });
		case 'rest_day_not_judged':
			return m.att_why_rest_day_not_judged();
		case 'no_punch':
			return m.att_why_no_punch();
		case 'not_in_yet':
			return m.att_why_not_in_yet();
		case 'single_punch':
			return p.missing === 'in' ? m.att_why_single_punch_out({ at }) : m.att_why_single_punch_in({ at });
		case 'on_time':
			return m.att_why_on_time({ at, expected, grace: num(p.grace) });
		case 'late':
			return m.att_why_late({ ...tiers, late_max: num(p.late_max) });
		case 'late_half_day':
			return m.att_why_late_half_day({ ...tiers, late_max: num(p.late_max) });
		case 'late_absent':
			return m.att_why_late_absent(tiers);
		case 'left_on_time':
			return m.att_why_left_on_time({ at, expected });
		case 'early':
			return m.att_why_early({ ...tiers, early_max: num(p.early_max) });
		case 'early_half_day':
			return m.att_why_early_half_day({ ...tiers, early_max: num(p.early_max) });
		case 'early_absent':
			return m.att_why_early_absent(tiers);
		case 'two_half_days':
			return m.att_why_two_half_days();
		case 'worked_below_present':
		case 'worked_below_half_day': {
			const words = { worked: hoursText(num(p.worked)), leave: hoursText(num(p.leave)), min: hoursText(num(p.min)) };
			return code === 'worked_below_present'
				? m.att_why_worked_below_present(words)
				: m.att_why_worked_below_half_day(words);
		}
		case 'punches_outside_window':
			return m.att_why_punches_outside_window({
				count: num(p.count),
				first: stamp(p.first, timeZone),
				last: stamp(p.last, timeZone)
			});
		case 'overtime':
			return m.att_why_overtime({ minutes });
		case 'overtime_unapproved':
			return m.att_why_overtime_unapproved({ minutes });
		case 'open':
			return m.att_why_open({ closes_at: stamp(p.closes_at, timeZone) });
		case 'override':
			return m.att_why_override({
				status: status(p.status),
				judged: status(p.judged),
				reason: text(p.reason),
				at: stamp(p.at, timeZone)
			});
		case 'deduction':
			return m.att_why_deduction({ amount: num(p.amount).toFixed(2) });
		case 'policy':
			return m.att_why_policy({ version: num(p.version), effective_from: text(p.effective_from) });
		case 'holiday':
			return m.att_why_holiday({ name: holidayName(p) });
		case 'no_shift':
			return m.att_why_no_shift();
		case 'punches_without_shift':
			return m.att_why_punches_without_shift({
				count: num(p.count),
				first: stamp(p.first, timeZone),
				last: stamp(p.last, timeZone)
			});
		default:
			return m.att_why_unknown({ code });
	}
}
