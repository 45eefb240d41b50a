// The monthly attendance report of a site (rpc('attendance_month_report')):
// a row per agent the caller may read, a total per team and one for the
// site, all counted in SQL; and the month's lock, which managers set after
// payroll (C's lock_attendance_month / unlock_attendance_month). The rows
// are checked here, since generated types cannot say which columns may be
// null and numeric columns may arrive as numbers or as text.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

/** What the report page depends on: invalidated after the month is locked or unlocked. */
export const REPORT_LOAD = 'app:attendance-report';

/** A numeric column: JSON number, or text where the API keeps precision. */
const amount = z.pipe(
	z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
	z.transform((v) => Number(v))
);

export const LEAVE_TYPES = [
	'annual',
	'sick',
	'personal',
	'compensatory',
	'visit_half_day',
	'marriage',
	'maternity',
	'bereavement',
	'other'
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

const reportRow = z.object({
	row_kind: z.enum(['agent', 'team', 'site']),
	team: z.nullable(z.string()),
	team_name: z.nullable(z.string()),
	agent: z.nullable(z.string()),
	agent_name: z.nullable(z.string()),
	employee_no: z.nullable(z.string()),
	agents: z.number(),
	scheduled_days: z.number(),
	present_days: z.number(),
	late_count: z.number(),
	late_min: z.number(),
	early_count: z.number(),
	early_min: z.number(),
	half_days: z.number(),
	absent_days: z.number(),
	missing_punches: z.number(),
	open_days: z.number(),
	leave_days: amount,
	leave_annual: amount,
	leave_sick: amount,
	leave_personal: amount,
	leave_compensatory: amount,
	leave_visit_half_day: amount,
	leave_marriage: amount,
	leave_maternity: amount,
	leave_bereavement: amount,
	leave_other: amount,
	outings: z.number(),
	outing_min: z.number(),
	overtime_min: z.number(),
	deduction_late: amount,
	deduction_early: amount,
	deduction_half_day: amount,
	deduction_absent: amount,
	deduction_missing_punch: amount,
	deduction_other: amount,
	deduction_total: amount
});
export type ReportRow = z.infer<typeof reportRow>;

/** One team's agents and total. */
export interface ReportTeam {
	id: string;
	name: string;
	agents: ReportRow[];
	total: ReportRow;
}

export interface MonthReport {
	/** yyyy-mm */
	month: string;
	teams: ReportTeam[];
	/** The site's total over the rows the caller may read; null when there are none. */
	site: ReportRow | null;
}

/** Groups the function's rows (already in order) into teams. */
export function groupReport(month: string, rows: readonly ReportRow[]): MonthReport {
	const teams = new Map<string, ReportTeam>();
	const agents = new Map<string, ReportRow[]>();
	let site: ReportRow | null = null;
	for (const row of rows) {
		if (row.row_kind === 'site') {
			site = row;
		} else if (row.team !== null) {
			if (row.row_kind === 'team') {
				teams.set(row.team, { id: row.team, name: row.team_name ?? '', agents: [], total: row });
			} else {
				agents.set(row.team, [...(agents.get(row.team) ?? []), row]);
			}
		}
	}
	for (const team of teams.values()) team.agents = agents.get(team.id) ?? [];
	return { month, teams: [...teams.values()], site };
}

/** The report of a month (yyyy-mm) of the site, as the caller may read it. */
export async function fetchMonthReport(client: AppSupabaseClient, siteId: string, month: string): Promise<MonthReport> {
	const { data, error } = await client.rpc('attendance_month_report', { site_id: siteId, month: `${month}-01` });
	if (error) throw error;
	return parseReport(month, data);
}

/** The function's answer checked and grouped; an answer of another shape is an error, never a wrong figure. */
export function parseReport(month: string, data: unknown): MonthReport {
	const rows = z.array(reportRow).safeParse(data);
	if (!rows.success) {
		throw new Error(`attendance_month_report answered rows of an unexpected shape: ${rows.error.message}`);
	}
	return groupReport(month, rows.data);
}

export interface MonthLock {
	lockedAt: string;
}

/** Whether the month is locked for payroll, and since when. */
export async function fetchMonthLock(
	client: AppSupabaseClient,
	siteId: string,
	month: string
): Promise<MonthLock | null> {
	const { data, error } = await client
		.from('attendance_month_locks')
		.select('locked_at')
		.eq('site_id', siteId)
		.eq('month', `${month}-01`)
		.maybeSingle();
	if (error) throw error;
	return data ? { lockedAt: data.locked_at } : null;
}

/** Locks the month for payroll (managers and admins; audited as month_locked). */
export async function lockMonth(client: AppSupabaseClient, siteId: string, month: string): Promise<void> {
	const { error } = await client.rpc('lock_attendance_month', { site_id: siteId, month: `${month}-01` });
	if (error) throw error;
}

/** Unlocks the month, saying why (managers and admins; audited as month_unlocked). */
export async function unlockMonth(
	client: AppSupabaseClient,
	siteId: string,
	month: string,
	reason: string
): Promise<void> {
	const { error } = await client.rpc('unlock_attendance_month', { site_id: siteId, month: `${month}-01`, reason });
	if (error) throw error;
}
