// The Today page's agent list: every agent of the site with what the
// published schedule wants now, the actual state (from the live agent rows,
// offline when none) and adherence, out-of-adherence agents first (most
// minutes out first), then by employee number. Pure; the page only draws.
import type { AdherenceRow } from '$lib/data/adherence';
import type { WallDirectory } from '$lib/data/wall';
import { agentSchedule, type AgentSchedule, type AgentState } from '$lib/live/agent-view';
import type { AgentLiveRow } from '$lib/live/live-rows';

export interface TodayAgent {
	id: string;
	name: string;
	employeeNo: string;
	teamId: string;
	team: string;
	state: AgentState;
	/** Epoch ms the state began; null when not logged in. */
	since: number | null;
	/** null until adherence is known. */
	schedule: AgentSchedule | null;
	outOfAdherence: boolean;
}

export function todayAgents(
	directory: Pick<WallDirectory, 'agents' | 'teams'>,
	live: ReadonlyMap<string, AgentLiveRow>,
	adherence: ReadonlyMap<string, AdherenceRow> | null,
	teamId: string | null = null
): TodayAgent[] {
	const teams = new Map(directory.teams.map((t) => [t.id, t.name]));
	const rows: TodayAgent[] = [];
	for (const agent of directory.agents) {
		const now = live.get(agent.id);
		const row = adherence?.get(agent.id);
		if (!agent.active && !now && !row) continue;
		if (teamId !== null && agent.team_id !== teamId) continue;
		const schedule = row ? agentSchedule(row) : null;
		rows.push({
			id: agent.id,
			name: agent.display_name,
			employeeNo: agent.employee_no,
			teamId: agent.team_id,
			team: teams.get(agent.team_id) ?? '',
			state: now?.state ?? 'offline',
			since: now ? Date.parse(now.state_since) : null,
			schedule,
			outOfAdherence: schedule?.inAdherence === false
		});
	}
	return rows.sort(
		(a, b) =>
			Number(b.outOfAdherence) - Number(a.outOfAdherence) ||
			(b.outOfAdherence ? (b.schedule?.minutesOut ?? 0) - (a.schedule?.minutesOut ?? 0) : 0) ||
			a.employeeNo.localeCompare(b.employeeNo)
	);
}
