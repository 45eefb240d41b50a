// The supervisor's Today board: rpc('attendance_today') — each agent due
// today (or on leave) with the judged day and where they stand now, decided
// in SQL (20261207160000_attendance_live.sql). A lead gets their own team's
// rows only. The generated types cannot tell which columns may be null, so
// the rows are checked here.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

/** Where an agent stands now, in the order the board lists them. */
export const TODAY_STATES = ['overdue', 'late', 'absent', 'due', 'in', 'outing', 'leave', 'left'] as const;
export type TodayState = (typeof TODAY_STATES)[number];

const todayLine = z.object({
	agent_id: z.string(),
	display_name: z.string(),
	employee_no: z.string(),
	team_id: z.string(),
	team_name: z.string(),
	work_date: z.string(),
	shift_id: z.nullable(z.string()),
	shift_start: z.nullable(z.string()),
	shift_end: z.nullable(z.string()),
	day_id: z.nullable(z.string()),
	status: z.nullable(z.string()),
	first_in: z.nullable(z.string()),
	last_out: z.nullable(z.string()),
	late_min: z.nullable(z.number()),
	early_min: z.nullable(z.number()),
	state: z.enum(TODAY_STATES),
	/** late: minutes late on arrival; overdue: minutes since the start so far; left: minutes early. */
	minutes: z.nullable(z.number())
});
export type TodayLine = z.infer<typeof todayLine>;

export async function fetchAttendanceToday(client: AppSupabaseClient, siteId: string): Promise<TodayLine[]> {
	const { data, error } = await client.rpc('attendance_today', { site_id: siteId });
	if (error) throw error;
	const rows = z.array(todayLine).safeParse(data);
	if (!rows.success) throw new Error(`attendance_today answered rows of an unexpected shape: ${rows.error.message}`);
	return rows.data;
}
