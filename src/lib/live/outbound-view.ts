// The outbound board's rows: every caller of the site's outbound teams with
// today's connected calls against the daily target (DOMAIN.md: 100), lead
// grades A–D, this week's confirmed invitations against the weekly target
// (10), and a rank (connected, then A, then B leads). Pure.
import type { AgentRow, OutboundTallyRow, TeamRow } from '$lib/data/wall';
import { levelAtLeast, type Level } from './thresholds';

export interface CallerView {
	id: string;
	name: string;
	team: string;
	rank: number;
	dialed: number;
	connected: number;
	/** connected / target, may pass 1 */
	progress: number;
	level: Level;
	grades: { A: number; B: number; C: number; D: number };
	/** confirmed invited visits this site week */
	invitations: number;
	/** 'ok' once the weekly target is met; no alarm colour before, as a week fills up day by day */
	invitationsLevel: Level;
}

export interface OutboundTotals {
	callers: number;
	dialed: number;
	connected: number;
	target: number;
	grades: CallerView['grades'];
	invitations: number;
	invitationsTarget: number;
}

export function callerViews(
	agents: readonly AgentRow[],
	teams: readonly TeamRow[],
	tally: readonly OutboundTallyRow[],
	dailyTarget: number,
	weeklyInvitationsTarget: number
): CallerView[] {
	const outboundTeams = new Map(teams.filter((t) => t.kind === 'outbound').map((t) => [t.id, t.name]));
	const byAgent = new Map(tally.map((r) => [r.agent_id, r]));
	const names = new Map(agents.map((a) => [a.id, a]));
	// Callers of outbound teams, plus anyone else who dialed today.
	const ids = new Set([
		...agents.filter((a) => outboundTeams.has(a.team_id) && a.active).map((a) => a.id),
		...byAgent.keys()
	]);
	const rows = [...ids].map((id) => {
		const t = byAgent.get(id);
		const agent = names.get(id);
		const connected = t?.connected ?? 0;
		const progress = connected / dailyTarget;
		const invitations = t?.invitations_week ?? 0;
		const invitationsLevel: Level = invitations >= weeklyInvitationsTarget ? 'ok' : 'none';
		return {
			id,
			name: agent?.display_name ?? id.slice(-4),
			employeeNo: agent?.employee_no ?? '',
			team: (agent && outboundTeams.get(agent.team_id)) ?? '',
			dialed: t?.dialed ?? 0,
			connected,
			progress,
			// Amber from 80 % of the target: a caller still on the way.
			level: levelAtLeast(progress, 1, 0.2),
			grades: { A: t?.grade_a ?? 0, B: t?.grade_b ?? 0, C: t?.grade_c ?? 0, D: t?.grade_d ?? 0 },
			invitations,
			invitationsLevel
		};
	});
	rows.sort(
		(a, b) =>
			b.connected - a.connected ||
			b.grades.A - a.grades.A ||
			b.grades.B - a.grades.B ||
			a.employeeNo.localeCompare(b.employeeNo)
	);
	// Equal figures share a rank (1, 2, 2, 4).
	const ranked: CallerView[] = [];
	let rank = 0;
	rows.forEach((row, i) => {
		const prev = rows[i - 1];
		const tied =
			prev !== undefined &&
			prev.connected === row.connected &&
			prev.grades.A === row.grades.A &&
			prev.grades.B === row.grades.B;
		rank = tied ? rank : i + 1;
		const { employeeNo: _employeeNo, ...view } = row;
		ranked.push({ ...view, rank });
	});
	return ranked;
}

export function outboundTotals(
	callers: readonly CallerView[],
	dailyTarget: number,
	weeklyInvitationsTarget: number
): OutboundTotals {
	const grades = { A: 0, B: 0, C: 0, D: 0 };
	let dialed = 0;
	let connected = 0;
	let invitations = 0;
	for (const c of callers) {
		dialed += c.dialed;
		connected += c.connected;
		invitations += c.invitations;
		for (const g of ['A', 'B', 'C', 'D'] as const) grades[g] += c.grades[g];
	}
	return {
		callers: callers.length,
		dialed,
		connected,
		target: dailyTarget * callers.length,
		grades,
		invitations,
		invitationsTarget: weeklyInvitationsTarget * callers.length
	};
}
