// "Fill from the season pattern": a first draft of a team's week that the
// rules accept, for the supervisor to adjust. Each agent keeps the shift
// they worked most last week when it still applies in the day's season and
// staffs only queues they have the skills for; otherwise the day gets the
// season's own template (one valid in that season only), else the earliest
// other template that fits. Each works as many days as the site's weekly
// limit allows (at most 7 less the rest days the policy asks for), and rest
// days are staggered by the agent's place in the team so that every day of
// the week keeps people on the phones; days of approved leave stay free. The
// SQL rules still judge the result.
import type { Edit } from './edits';

export interface PatternTemplate {
	id: string;
	starts_at: string;
	paid_min: number;
	/** Seasons it is restricted to; empty: every season. */
	seasons: readonly string[];
	/** Queues it staffs: the agent needs the skills of all of them. */
	queues: readonly string[];
}

export interface PatternAgent {
	id: string;
	skills: ReadonlySet<string>;
	/** Days of approved leave: rest days whatever the pattern says. */
	leave?: ReadonlySet<string>;
	/** The template the agent worked most last week, if any. */
	usual: string | null;
}

export interface PatternInput {
	days: readonly string[];
	/** The season covering each day, null when none does (nothing fits that day). */
	seasons: readonly (string | null)[];
	agents: readonly PatternAgent[];
	templates: readonly PatternTemplate[];
	maxWeekPaidMin: number;
	minRestDays: number;
}

export interface Pattern {
	edits: Edit[];
	/** Agent-days that should work but no template fits (no season, or no skills for any). */
	unfilled: { agentId: string; day: string }[];
}

function fits(template: PatternTemplate, season: string | null, agent: PatternAgent): boolean {
	if (season === null) return false;
	if (template.seasons.length > 0 && !template.seasons.includes(season)) return false;
	return template.queues.every((q) => agent.skills.has(q));
}

function templateFor(input: PatternInput, agent: PatternAgent, season: string | null): PatternTemplate | null {
	const usual = input.templates.find((t) => t.id === agent.usual);
	if (usual && fits(usual, season, agent)) return usual;
	const fitting = input.templates.filter((t) => fits(t, season, agent));
	const seasonal = fitting.filter((t) => t.seasons.length > 0);
	const byStart = (a: PatternTemplate, b: PatternTemplate) => a.starts_at.localeCompare(b.starts_at);
	return [...seasonal].sort(byStart)[0] ?? [...fitting].sort(byStart)[0] ?? null;
}

export function seasonPattern(input: PatternInput): Pattern {
	const edits: Edit[] = [];
	const unfilled: Pattern['unfilled'] = [];
	const week = input.days.length;
	input.agents.forEach((agent, place) => {
		const choices = input.days.map((_, d) => templateFor(input, agent, input.seasons[d] ?? null));
		const longest = Math.max(1, ...choices.map((t) => t?.paid_min ?? 0));
		const workDays = Math.max(0, Math.min(week - input.minRestDays, Math.floor(input.maxWeekPaidMin / longest)));
		const rest = new Set(Array.from({ length: week - workDays }, (_, k) => (place + k) % week));
		input.days.forEach((day, d) => {
			const template = choices[d];
			if (rest.has(d) || agent.leave?.has(day)) edits.push({ op: 'clear', agent_id: agent.id, day });
			else if (template) edits.push({ op: 'set', agent_id: agent.id, day, template_id: template.id });
			else {
				edits.push({ op: 'clear', agent_id: agent.id, day });
				unfilled.push({ agentId: agent.id, day });
			}
		});
	});
	return { edits, unfilled };
}

/** The template each agent worked most in a set of shifts (ties: the earliest seen). */
export function usualTemplates(
	shifts: readonly { agent_id: string | null; template_id: string | null }[]
): Map<string, string> {
	const counts = new Map<string, Map<string, number>>();
	for (const s of shifts) {
		if (!s.agent_id || !s.template_id) continue;
		const mine = counts.get(s.agent_id) ?? new Map<string, number>();
		mine.set(s.template_id, (mine.get(s.template_id) ?? 0) + 1);
		counts.set(s.agent_id, mine);
	}
	const usual = new Map<string, string>();
	for (const [agent, mine] of counts) {
		let best: [string, number] | null = null;
		for (const entry of mine) if (!best || entry[1] > best[1]) best = entry;
		if (best) usual.set(agent, best[0]);
	}
	return usual;
}
