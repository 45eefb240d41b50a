// The agents board's rows: every logged-in agent with name, team, state, time
// in state (from the server clock) and current queue, flagged when the state
// has lasted past the site's limit for it; with adherence rows, also what the
// published schedule says now and whether the agent is out of adherence —
// and the agents who should be on shift but are not logged in. Pure; the
// board only draws.
import type { AdherenceRow, ScheduledActivity } from '$lib/data/adherence';
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
	/** What the published schedule says now; null until adherence is known. */
	schedule: AgentSchedule | null;
	/** Out of adherence past the site's grace. */
	outOfAdherence: boolean;
}

export interface AgentSchedule {
	activity: ScheduledActivity;
	/** Epoch ms the scheduled activity ends; null when no end is known within a week. */
	until: number | null;
	/** null: unscheduled, not judged. */
	inAdherence: boolean | null;
	/** Epoch ms the current stretch out of adherence began. */
	outSince: number | null;
	minutesOut: number;
}

/** An adherence row as the views hold it. */
export function agentSchedule(row: AdherenceRow): AgentSchedule {
	return {
		activity: row.scheduled_activity,
		until: row.scheduled_until ? Date.parse(row.scheduled_until) : null,
		inAdherence: row.in_adherence,
		outSince: row.out_since ? Date.parse(row.out_since) : null,
		minutesOut: row.minutes_out_today
	};
}

/**
 * Adherence is about being logged in, away or working: a board fetches it
 * again when this key changes, not on every call answered or ended.
 */
export function adherenceKey(live: Iterable<AgentLiveRow>): string {
	const classOf = (state: AgentState) =>
		state === 'offline' ? 'out' : state === 'break' || state === 'lunch' ? 'away' : 'in';
	return [...live]
		.map((r) => `${r.agent_id}:${classOf(r.state)}`)
		.sort()
		.join(',');
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
	only?: (agentId: string, row: AgentLiveRow) => boolean,
	adherence?: ReadonlyMap<string, AdherenceRow>
): AgentView[] {
	const agents = new Map(directory.agents.map((a) => [a.id, a]));
	const teams = new Map(directory.teams.map((t) => [t.id, t.name]));
	const queues = new Map(directory.queues.map((q) => [q.id, q.name]));
	const views: AgentView[] = [];
	const named = (id: string) => {
		const agent = agents.get(id);
		return {
			id,
			name: agent?.display_name ?? id.slice(-4),
			employeeNo: agent?.employee_no ?? '',
			team: (agent && teams.get(agent.team_id)) ?? ''
		};
	};
	const scheduleOf = (id: string) => {
		const row = adherence?.get(id);
		const schedule = row ? agentSchedule(row) : null;
		return { schedule, outOfAdherence: schedule?.inAdherence === false };
	};
	const present = new Set<string>();
	for (const row of live) {
		if (row.state === 'offline' || (only && !only(row.agent_id, row))) continue;
		present.add(row.agent_id);
		const since = Date.parse(row.state_since);
		const seconds = Math.max(0, (now - since) / 1000);
		const limitS = isLimited(row.state, limits) ? limits[row.state] : null;
		views.push({
			...named(row.agent_id),
			state: row.state,
			reason: row.reason,
			since,
			seconds,
			queue: row.queue_id ? (queues.get(row.queue_id) ?? null) : null,
			limitS,
			overLimit: limitS !== null && seconds > limitS,
			...scheduleOf(row.agent_id)
		});
	}
	// Agents the schedule wants at work who are not logged in: shown offline, counting from when they were due.
	for (const row of adherence?.values() ?? []) {
		if (present.has(row.agent_id) || row.in_adherence !== false || row.actual_state !== 'offline') continue;
		const { schedule } = scheduleOf(row.agent_id);
		const since = schedule?.outSince ?? now;
		views.push({
			...named(row.agent_id),
			state: 'offline',
			reason: null,
			since,
			seconds: Math.max(0, (now - since) / 1000),
			queue: null,
			limitS: null,
			overLimit: false,
			schedule,
			outOfAdherence: true
		});
	}
	return views.sort(
		(a, b) =>
			STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
			b.seconds - a.seconds ||
			a.employeeNo.localeCompare(b.employeeNo)
	);
}
