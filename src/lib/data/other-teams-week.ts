// The other teams' shifts of a week, for coverage: a queue's requirement is
// the site's, and several teams may staff it, so one team's heatmap and its
// generated schedule must count what the others already cover. Each team's
// version is the one its planners see (the draft when there is one, else the
// published one); what RLS hides from this user is simply not counted.
import type { AppSupabaseClient } from '$lib/supabase';
import type { StaffedShift } from '$lib/staffing/queue-coverage';

export interface OtherTeamsWeek {
	shifts: (StaffedShift & { paid_min: number })[];
	/** Skills of the agents on those shifts. */
	skills: Map<string, Set<string>>;
	teams: number;
}

export async function fetchOtherTeamsWeek(
	client: AppSupabaseClient,
	siteId: string,
	teamId: string,
	week: string
): Promise<OtherTeamsWeek> {
	const versions = await client
		.from('schedules')
		.select('id, team_id, status, version')
		.eq('site_id', siteId)
		.eq('week_start', week)
		.neq('team_id', teamId)
		.in('status', ['draft', 'published']);
	if (versions.error) throw versions.error;
	const shown = new Map<string, { id: string; status: string }>();
	for (const v of versions.data) {
		const current = shown.get(v.team_id);
		if (!current || v.status === 'draft') shown.set(v.team_id, v);
	}
	const ids = [...shown.values()].map((v) => v.id);
	if (ids.length === 0) return { shifts: [], skills: new Map(), teams: 0 };
	const shifts = await client
		.from('schedule_shifts')
		.select('agent_id, template_id, day, starts_at, ends_at, breaks, paid_min')
		.in('schedule_id', ids);
	if (shifts.error) throw shifts.error;
	const agentIds = [...new Set(shifts.data.flatMap((s) => (s.agent_id ? [s.agent_id] : [])))];
	const skills = new Map<string, Set<string>>();
	if (agentIds.length > 0) {
		const rows = await client.from('agent_skills').select('agent_id, queue_id').in('agent_id', agentIds);
		if (rows.error) throw rows.error;
		for (const row of rows.data) skills.set(row.agent_id, (skills.get(row.agent_id) ?? new Set()).add(row.queue_id));
	}
	return { shifts: shifts.data, skills, teams: shown.size };
}
