// Adherence now, per agent of a site: what the published schedule says and
// whether the agent does it, from rpc('agent_adherence') — the one way a wall
// display learns anything of schedules (it reads none of their rows). The
// generated types cannot tell which columns may be null, so the rows are
// checked here.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

export const SCHEDULED_ACTIVITIES = ['shift', 'break', 'off', 'unscheduled'] as const;
export type ScheduledActivity = (typeof SCHEDULED_ACTIVITIES)[number];

const adherenceRow = z.object({
	agent_id: z.string(),
	scheduled_activity: z.enum(SCHEDULED_ACTIVITIES),
	scheduled_until: z.nullable(z.string()),
	actual_state: z.string(),
	/** null: unscheduled, nothing to judge. */
	in_adherence: z.nullable(z.boolean()),
	out_since: z.nullable(z.string()),
	minutes_out_today: z.number()
});
export type AdherenceRow = z.infer<typeof adherenceRow>;

/** The site's adherence now, by agent id. */
export async function fetchAdherence(
	client: AppSupabaseClient,
	siteId: string
): Promise<ReadonlyMap<string, AdherenceRow>> {
	const { data, error } = await client.rpc('agent_adherence', { site_id: siteId });
	if (error) throw error;
	const rows = z.array(adherenceRow).safeParse(data);
	if (!rows.success) throw new Error(`agent_adherence answered rows of an unexpected shape: ${rows.error.message}`);
	return new Map(rows.data.map((r) => [r.agent_id, r]));
}

export const NO_ADHERENCE: ReadonlyMap<string, AdherenceRow> = new Map();
