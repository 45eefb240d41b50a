// The words and tones of a judged attendance status, one table for every
// screen (Today, the month pages, the day page, the report), so a status is
// never worded two ways.
import type { Enums } from '$lib/database.types';
import { m } from '$lib/paraglide/messages';

export type AttendanceStatus = Enums<'attendance_status'>;

const STATUS_WORD: Record<AttendanceStatus, () => string> = {
	present: m.att_view_status_present,
	late: m.att_view_status_late,
	early_leave: m.att_view_status_early_leave,
	half_day: m.att_view_status_half_day,
	absent: m.att_view_status_absent,
	missing_punch: m.att_view_status_missing_punch,
	leave: m.att_view_status_leave,
	outing: m.att_view_status_outing,
	rest: m.att_view_status_rest,
	holiday: m.att_view_status_holiday,
	open: m.att_view_status_open
};

export const statusLabel = (status: AttendanceStatus): string => STATUS_WORD[status]();

/** ok: worked as planned; warn: a lesser deduction or something to fix; bad: half-day or absence. */
export function statusTone(status: AttendanceStatus): 'ok' | 'warn' | 'bad' | '' {
	if (status === 'present') return 'ok';
	if (status === 'late' || status === 'early_leave' || status === 'missing_punch') return 'warn';
	if (status === 'half_day' || status === 'absent') return 'bad';
	return '';
}
