// One agent's work date as the day page shows it — the judged day(s), the
// punches counted for it (voided ones too), overrides, appeals and the
// audit trail — and the corrections, overrides, appeals and month locks of
// migrations 20261207130000–130200. RLS and the functions decide who may
// read or change what; these only ask, typed, and throw on error.
import type { Database, Enums, Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

type Functions = Database['public']['Functions'];
export type AttendanceStatus = Enums<'attendance_status'>;
export type PunchDirection = Enums<'punch_direction'>;
export type AppealStatus = Enums<'attendance_appeal_status'>;
export type DayRow = Tables<'attendance_days'>;
export type Punch = Tables<'punches'>;
export type Override = Tables<'attendance_overrides'>;
export type Appeal = Tables<'attendance_appeals'>;
// The generated types call every column a function returns non-null; these
// are null for a change without that link, a day no longer judged, an open appeal.
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
export type AuditEntry = Nullable<
	Functions['attendance_day_audit']['Returns'][number],
	'punch_id' | 'override_id' | 'appeal_id' | 'before' | 'after' | 'made_by' | 'made_by_name'
>;
// A statement dispute has no day; an appeal of a day no statement columns.
export type InboxAppeal = Nullable<
	Functions['attendance_appeal_inbox']['Returns'][number],
	| 'day_status'
	| 'day_deduction'
	| 'answer'
	| 'answered_at'
	| 'statement_month'
	| 'statement_rule'
	| 'statement_amount'
	| 'statement_line_kind'
	| 'statement_adjustment'
>;
export type OverdueAppeal = Functions['overdue_attendance_appeals']['Returns'][number];
export type DayAgent = Pick<Tables<'agents'>, 'id' | 'site_id' | 'team_id' | 'display_name' | 'employee_no'>;

export interface DayDetail {
	agent: DayAgent;
	days: DayRow[];
	punches: Punch[];
	overrides: Override[];
	appeals: Appeal[];
	audit: AuditEntry[];
	/** The month of the date is locked for payroll (changes: managers only, recorded). */
	monthLocked: boolean;
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** Everything the day page shows of an agent's work date; null when the agent is not there for the reader. */
export async function fetchDayDetail(
	client: AppSupabaseClient,
	agentId: string,
	date: string
): Promise<DayDetail | null> {
	const agentQuery = await client
		.from('agents')
		.select('id, site_id, team_id, display_name, employee_no')
		.eq('id', agentId)
		.maybeSingle();
	if (agentQuery.error) throw agentQuery.error;
	const agent = agentQuery.data;
	if (!agent) return null;
	const [days, punches, overrides, appeals, audit, locks] = await Promise.all([
		client.from('attendance_days').select('*').eq('agent_id', agentId).eq('work_date', date).order('shift_start'),
		client.rpc('attendance_day_punches', { agent_id: agentId, work_date: date }),
		client.from('attendance_overrides').select('*').eq('agent_id', agentId).eq('work_date', date).order('made_at'),
		// The day's appeals: a statement dispute (kind 'statement') is dated the month's first day but is not the day's.
		client
			.from('attendance_appeals')
			.select('*')
			.eq('agent_id', agentId)
			.eq('kind', 'attendance')
			.eq('work_date', date)
			.order('filed_at'),
		client.rpc('attendance_day_audit', { agent_id: agentId, work_date: date }),
		client.from('attendance_month_locks').select('month').eq('site_id', agent.site_id).eq('month', firstOfMonth(date))
	]);
	for (const result of [days, punches, overrides, appeals, audit, locks]) if (result.error) throw result.error;
	return {
		agent,
		days: days.data ?? [],
		punches: punches.data ?? [],
		overrides: overrides.data ?? [],
		appeals: appeals.data ?? [],
		audit: audit.data ?? [],
		monthLocked: (locks.data ?? []).length > 0
	};
}

// ---------------------------------------------------------------- corrections

export async function addPunch(
	client: AppSupabaseClient,
	punch: { agentId: string; at: string; direction: PunchDirection | null; reason: string }
): Promise<void> {
	const { error } = await client.rpc('add_punch', {
		agent_id: punch.agentId,
		punched_at: punch.at,
		// The function takes null for a punch of unknown direction; the generated type does not say so.
		direction: punch.direction as PunchDirection,
		reason: punch.reason
	});
	if (error) throw error;
}

export async function movePunch(client: AppSupabaseClient, punchId: string, at: string, reason: string): Promise<void> {
	const { error } = await client.rpc('move_punch', { punch_id: punchId, punched_at: at, reason });
	if (error) throw error;
}

export async function voidPunch(client: AppSupabaseClient, punchId: string, reason: string): Promise<void> {
	const { error } = await client.rpc('void_punch', { punch_id: punchId, reason });
	if (error) throw error;
}

export async function overrideDay(
	client: AppSupabaseClient,
	change: { dayId: string; status: AttendanceStatus; deduction: number | null; reason: string }
): Promise<void> {
	const { error } = await client.rpc('override_attendance_day', {
		day_id: change.dayId,
		status: change.status,
		// null: the policy's deduction for the status.
		deduction: change.deduction as number,
		reason: change.reason
	});
	if (error) throw error;
}

export async function clearOverride(client: AppSupabaseClient, overrideId: string, reason: string): Promise<void> {
	const { error } = await client.rpc('clear_attendance_override', { override_id: overrideId, reason });
	if (error) throw error;
}

// ---------------------------------------------------------------- appeals

export async function fileAppeal(client: AppSupabaseClient, dayId: string, reason: string): Promise<void> {
	const { error } = await client.rpc('file_attendance_appeal', { day_id: dayId, reason });
	if (error) throw error;
}

export async function withdrawAppeal(client: AppSupabaseClient, appealId: string): Promise<void> {
	const { error } = await client.rpc('withdraw_attendance_appeal', { appeal_id: appealId });
	if (error) throw error;
}

export async function answerAppeal(
	client: AppSupabaseClient,
	answer: { appealId: string; accept: boolean; text: string; status: AttendanceStatus | null; deduction: number | null }
): Promise<void> {
	const { error } = await client.rpc('answer_attendance_appeal', {
		appeal_id: answer.appealId,
		accept: answer.accept,
		answer: answer.text,
		...(answer.accept && answer.status ? { new_status: answer.status } : {}),
		...(answer.accept && answer.deduction !== null ? { deduction: answer.deduction } : {})
	});
	if (error) throw error;
}

/** A site's appeals the reader may see, open ones first (with an overdue flag), answered ones too when asked. */
export async function fetchAppealInbox(
	client: AppSupabaseClient,
	siteId: string,
	includeAnswered: boolean
): Promise<InboxAppeal[]> {
	const { data, error } = await client.rpc('attendance_appeal_inbox', {
		site_id: siteId,
		include_answered: includeAnswered
	});
	if (error) throw error;
	return data;
}

/** Managers' and admins' escalation list: open appeals past their answer date. */
export async function fetchOverdueAppeals(client: AppSupabaseClient, siteId: string): Promise<OverdueAppeal[]> {
	const { data, error } = await client.rpc('overdue_attendance_appeals', { site_id: siteId });
	if (error) throw error;
	return data;
}

/** Open appeals waiting for the signed-in answerer (0 for those who do not answer): the navigation's badge. */
export async function countWaitingAppeals(client: AppSupabaseClient, siteId: string): Promise<number> {
	const { data, error } = await client.rpc('attendance_appeals_waiting', { site_id: siteId });
	if (error) throw error;
	return data;
}

// ---------------------------------------------------------------- month locks

export async function lockMonth(
	client: AppSupabaseClient,
	siteId: string,
	month: string,
	reason?: string
): Promise<void> {
	const { error } = await client.rpc('lock_attendance_month', {
		site_id: siteId,
		month: firstOfMonth(month),
		...(reason?.trim() ? { reason: reason.trim() } : {})
	});
	if (error) throw error;
}

export async function unlockMonth(
	client: AppSupabaseClient,
	siteId: string,
	month: string,
	reason: string
): Promise<void> {
	const { error } = await client.rpc('unlock_attendance_month', {
		site_id: siteId,
		month: firstOfMonth(month),
		reason
	});
	if (error) throw error;
}

/** The last site date a closed day can be appealed on; null while the day is open. */
export async function fetchAppealDeadline(client: AppSupabaseClient, dayId: string): Promise<string | null> {
	const { data, error } = await client.rpc('attendance_appeal_deadline', { day_id: dayId });
	if (error) throw error;
	return data;
}
