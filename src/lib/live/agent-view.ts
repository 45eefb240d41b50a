// The agents board's rows: every logged-in agent with name, team, state, time
// in state (from the server clock) and current queue, flagged when the state
// has lasted past the site's limit for it. Pure; the board only draws.
import type { AgentRow, QueueRow, TeamRow } from '$lib/data/wall';
import type { BoardSettings, LimitedState } from './board-settings';
import type { AgentLiveRow } from './live-rows';

export type AgentState = AgentLiveRow['state'];

/** Board order: who can take a call first, then who is busy, then who is away. */
export const STATE_ORDER: readonly AgentState[] = [
	'available',
	'on_call',
	'wrap_up',
	'break',
	'lunch',
	'meeting',
	'training',
	'offline'
];

export interface AgentView {
	id: string;
	name: string;
	employeeNo: string;
	team: string;
	state: AgentState;
	reason: string | null;
	/** Epoch ms (server clock) the state began. */
	since: number;
	seconds: number;
	queue: string | null;
	/** The limit for this state in seconds, null when the state has none. */
	limitS: number | null;
	overLimit: boolean;
}

const isLimited = (state: AgentState, limits: BoardSettings['agent_limits_s']): state is LimitedState =>
	state in limits;

export interface AgentDirectory {
	agents: readonly AgentRow[];
	teams: readonly TeamRow[];
	queues: readonly QueueRow[];
}

export function agentViews(
	directory: AgentDirectory,
	live: Iterable<AgentLiveRow>,
	now: number,
	limits: BoardSettings['agent_limits_s'],
	only?: (agentId: string, row: AgentLiveRow) => boolean
): AgentView[] {
	const agents = new Map(directory.agents.map((a) => [a.id, a]));
	const teams = new Map(directory.teams.map((t) => [t.id, t.name]));
	const queues = new Map(directory.queues.map((q) => [q.id, q.name]));
	const views: AgentView[] = [];
	for (const row of live) {
		if (row.state === 'offline' || (only && !only(row.agent_id, row))) continue;
		const agent = agents.get(row.agent_id);
		const since = Date.parse(row.state_since);
		const seconds = Math.max(0, (now - since) / 1000);
		const limitS = isLimited(row.state, limits) ? limits[row.state] : null;
		views.push({
			id: row.agent_id,
			name: agent?.display_name ?? row.agent_id.slice(-4),
			employeeNo: agent?.employee_no ?? '',
			team: (agent && teams.get(agent.team_id)) ?? '',
			state: row.state,
			reason: row.reason,
			since,
			seconds,
			queue: row.queue_id ? (queues.get(row.queue_id) ?? null) : null,
			limitS,
			overLimit: limitS !== null && seconds > limitS
		});
	}
	return views.sort(
		(a, b) =>
			STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
			b.seconds - a.seconds ||
			a.employeeNo.localeCompare(b.employeeNo)
	);
}
