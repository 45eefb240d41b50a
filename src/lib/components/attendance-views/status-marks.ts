// How the month screens mark a judged status: a one-character mark for the
// team grid (beside the full word in its title and the legend), and the
// order the legend lists them in. The words and colours of a status are the
// engine's (src/lib/attendance/status.ts); these only shorten them.
import type { Enums } from '$lib/database.types';
import { m } from '$lib/paraglide/messages';

export type AttendanceStatus = Enums<'attendance_status'>;

export const STATUS_ORDER: readonly AttendanceStatus[] = [
	'present',
	'late',
	'early_leave',
	'half_day',
	'absent',
	'missing_punch',
	'leave',
	'outing',
	'rest',
	'holiday',
	'open'
];

export const STATUS_MARK: Record<AttendanceStatus, () => string> = {
	present: m.att_view_short_present,
	late: m.att_view_short_late,
	early_leave: m.att_view_short_early_leave,
	half_day: m.att_view_short_half_day,
	absent: m.att_view_short_absent,
	missing_punch: m.att_view_short_missing_punch,
	leave: m.att_view_short_leave,
	outing: m.att_view_short_outing,
	rest: m.att_view_short_rest,
	holiday: m.att_view_short_holiday,
	open: m.att_view_short_open
};

export { statusLabel, statusTone } from '$lib/attendance/status';
