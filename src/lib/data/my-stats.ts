// An agent's own figures for My day: today, this week and this month against
// their targets with the month's rank in the team (public.my_stats), the
// last 30 days (public.my_trend), today's judged attendance and the
// requests still waiting for a decision (the month's statement comes from
// $lib/data/statements). The functions decide who may read what; these only
// ask. The rows are checked here: the generated types cannot say which
// columns the functions leave null.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';
import type { MonthDay } from './attendance-month';

const count = z.number();
const maybe = z.nullable(z.number());

const periodRow = z.object({
	period: z.enum(['today', 'week', 'month']),
	starts_on: z.string(),
	ends_on: z.string(),
	team_kind: z.enum(['inbound', 'outbound']),
	answered: count,
	answered_within_sl: count,
	handled: count,
	handle_s: count,
	aht_s: maybe,
	sl_share: maybe,
	csat_avg: maybe,
	csat_count: count,
	qa_avg: maybe,
	qa_count: count,
	dialed: count,
	connected: count,
	visits: count,
	deals: count,
	target: maybe,
	team_rank: maybe,
	team_size: maybe
});
export type PeriodFigures = z.infer<typeof periodRow>;
export type TeamKind = PeriodFigures['team_kind'];

export interface MyFigures {
	kind: TeamKind;
	today: PeriodFigures;
	week: PeriodFigures;
	month: PeriodFigures;
}

const trendRow = z.object({
	day: z.string(),
	answered: count,
	answered_within_sl: count,
	handled: count,
	handle_s: count,
	dialed: count,
	connected: count,
	visits: count,
	deals: count
});
export type TrendDay = z.infer<typeof trendRow>;

/** The days the trend covers. */
export const TREND_DAYS = 30;

/** The agent's figures for the site's today, week and month, or null when the function returned no rows. */
export async function fetchMyFigures(client: AppSupabaseClient, agentId: string): Promise<MyFigures | null> {
	const { data, error } = await client.rpc('my_stats', { agent_id: agentId });
	if (error) throw error;
	const rows = z.array(periodRow).parse(data);
	const [today, week, month] = (['today', 'week', 'month'] as const).map((p) => rows.find((r) => r.period === p));
	if (!today || !week || !month) return null;
	return { kind: today.team_kind, today, week, month };
}

/** The agent's last TREND_DAYS site days, oldest first. */
export async function fetchMyTrend(client: AppSupabaseClient, agentId: string): Promise<TrendDay[]> {
	const { data, error } = await client.rpc('my_trend', { agent_id: agentId, days: TREND_DAYS });
	if (error) throw error;
	return z.array(trendRow).parse(data);
}

export type TodayAttendance = Pick<
	MonthDay,
	'id' | 'work_date' | 'status' | 'first_in' | 'last_out' | 'late_min' | 'early_min'
>;

/** The judged attendance of the agent's shifts (or shiftless day) on a site date, by shift start. */
export async function fetchAttendanceOn(
	client: AppSupabaseClient,
	agentId: string,
	day: string
): Promise<TodayAttendance[]> {
	const { data, error } = await client
		.from('attendance_days')
		.select('id, work_date, status, first_in, last_out, late_min, early_min')
		.eq('agent_id', agentId)
		.eq('work_date', day)
		.order('shift_start');
	if (error) throw error;
	return data;
}

/** How many of the agent's leave, outing and overtime requests wait for a decision. */
export async function fetchOpenRequestCount(client: AppSupabaseClient, agentId: string): Promise<number> {
	const { count: n, error } = await client
		.from('attendance_requests')
		.select('id', { count: 'exact', head: true })
		.eq('agent_id', agentId)
		.eq('status', 'pending');
	if (error) throw error;
	return n ?? 0;
}
