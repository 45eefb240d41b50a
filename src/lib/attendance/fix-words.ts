// Corrections, appeals and month locks in the user's language: punch sources
// and directions, appeal statuses, audit actions and what they changed, and
// the refusals the functions give by design (SQLSTATE CB070–CB074,
// migrations 20261207130000–130200). A refusal the app has no words for
// shows the API's usual reasons, else the database's own words.
import { z } from 'zod';
import { statusLabel } from '$lib/attendance/status';
import type { AppealStatus, AttendanceStatus, AuditEntry, PunchDirection } from '$lib/data/attendance-day';
import type { Enums } from '$lib/database.types';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

const SOURCE: Record<Enums<'punch_source'>, () => string> = {
	web: m.att_fix_source_web,
	kiosk: m.att_fix_source_kiosk,
	terminal: m.att_fix_source_terminal,
	correction: m.att_fix_source_correction
};
export const punchSourceLabel = (source: Enums<'punch_source'>): string => SOURCE[source]();

export const directionLabel = (direction: PunchDirection | null): string =>
	direction === 'in' ? m.att_fix_dir_in() : direction === 'out' ? m.att_fix_dir_out() : m.att_fix_dir_none();

const APPEAL: Record<AppealStatus, () => string> = {
	open: m.att_appeal_status_open,
	accepted: m.att_appeal_status_accepted,
	rejected: m.att_appeal_status_rejected,
	withdrawn: m.att_appeal_status_withdrawn
};
export const appealStatusLabel = (status: AppealStatus): string => APPEAL[status]();

const ACTION: Record<string, () => string> = {
	punch_added: m.att_fix_action_punch_added,
	punch_moved: m.att_fix_action_punch_moved,
	punch_voided: m.att_fix_action_punch_voided,
	status_overridden: m.att_fix_action_status_overridden,
	override_cleared: m.att_fix_action_override_cleared,
	appeal_accepted: m.att_fix_action_appeal_accepted,
	appeal_rejected: m.att_fix_action_appeal_rejected,
	month_locked: m.att_fix_action_month_locked,
	month_unlocked: m.att_fix_action_month_unlocked,
	locked_month_changed: m.att_fix_action_locked_month_changed,
	policy_saved: m.att_fix_action_policy_saved,
	request_approved: m.att_fix_action_request_approved,
	request_cancelled: m.att_fix_action_request_cancelled,
	punches_imported: m.att_fix_action_punches_imported,
	day_rejudged: m.att_fix_action_day_rejudged
};
export const auditActionLabel = (action: string): string => ACTION[action]?.() ?? action;

/** The statuses a person may set a day to (never `open`, which only the engine gives). */
export const FINAL_STATUSES: readonly AttendanceStatus[] = [
	'present',
	'late',
	'early_leave',
	'half_day',
	'absent',
	'leave',
	'outing',
	'rest',
	'holiday',
	'missing_punch'
];

// The shapes the audit's before/after take (JSON columns, so checked here):
// a day's result, a punch, an override or a month lock.
const resultSchema = z.object({
	status: z.string(),
	deduction: z.union([z.number(), z.string(), z.null()]).optional()
});
const punchSchema = z.object({ punched_at: z.string(), voided: z.boolean().optional() });

function resultText(value: unknown): string | null {
	const parsed = resultSchema.safeParse(value);
	if (!parsed.success) return null;
	const label = statusLabel(parsed.data.status as AttendanceStatus);
	const amount = parsed.data.deduction;
	return amount === null || amount === undefined || Number(amount) === 0
		? label
		: `${label} ¥${Number(amount).toFixed(2)}`;
}

/**
 * What an audit row changed, in a line: "迟到 → 正常" for a result, "09:12 → 08:58" for a moved punch,
 * "已作废" for a voided one; null when before/after say nothing to show.
 */
export function auditChangeText(entry: AuditEntry, clock: (iso: string) => string): string | null {
	const beforePunch = punchSchema.safeParse(entry.before);
	const afterPunch = punchSchema.safeParse(entry.after);
	if (entry.action === 'punch_voided' && beforePunch.success) {
		return m.att_fix_change({ before: clock(beforePunch.data.punched_at), after: m.att_fix_voided_short() });
	}
	if (afterPunch.success && (entry.action === 'punch_added' || entry.action === 'punch_moved')) {
		const before = beforePunch.success ? clock(beforePunch.data.punched_at) : m.att_fix_none();
		return m.att_fix_change({ before, after: clock(afterPunch.data.punched_at) });
	}
	const before = resultText(entry.before);
	const after = resultText(entry.after);
	if (before === null && after === null) return null;
	return m.att_fix_change({ before: before ?? m.att_fix_none(), after: after ?? m.att_fix_none() });
}

/** A refusal of the correction, appeal and lock functions in the user's language. */
export function fixErrorText(err: unknown): string {
	const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
	switch (code) {
		case 'CB070':
			return m.att_fix_err_locked();
		case 'CB071':
			return withDetail(m.att_fix_err_lock(), err);
		case 'CB072':
			return withDetail(m.att_fix_err_correction(), err);
		case 'CB073':
			return withDetail(m.att_appeal_err_file(), err);
		case 'CB074':
			return withDetail(m.att_appeal_err_answer(), err);
		default:
			return errorDetail(err);
	}
}

/** What failed in the user's language, then the database's sentence (English) saying which rule, in brackets. */
export function withDetail(lead: string, err: unknown): string {
	const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : '';
	return message ? `${lead} (${message})` : lead;
}
