// The objective of a finished week, counted directly from who works what:
// the figures reported to the supervisor, and the solution side of the gap
// (the bound comes from the solver). Same terms as the MIP's objective.
import type { PreparedWeek } from './schedule-model-prepare.ts';
import type { WeekPlan } from './schedule-model.ts';
import { DAY_INTERVALS, INTERVAL_MINUTES, WEEK_INTERVALS, type ScheduleScore } from './schedule-model-types.ts';

/** coverage[q][interval]: agents staffing each queue in each interval of the week. */
export function planCoverage(week: PreparedWeek, plan: WeekPlan): Float64Array[] {
	const coverage = week.queues.map(() => new Float64Array(WEEK_INTERVALS));
	plan.forEach((byDay) =>
		byDay.forEach((t, d) => {
			const template = t === null ? undefined : week.templates[t];
			if (!template) return;
			for (const q of template.queues) {
				const row = coverage[q];
				if (!row) continue;
				template.coverage.forEach((share, k) => {
					const interval = d * DAY_INTERVALS + k;
					if (interval < WEEK_INTERVALS) row[interval] = (row[interval] ?? 0) + share;
				});
			}
		})
	);
	return coverage;
}

const hours = (agentIntervals: number) => (agentIntervals * INTERVAL_MINUTES) / 60;

export function scorePlan(week: PreparedWeek, plan: WeekPlan): ScheduleScore {
	const { weights, agents } = week;
	let under = 0;
	let over = 0;
	planCoverage(week, plan).forEach((row, q) =>
		row.forEach((covered, k) => {
			const need = week.required[q]?.[k] ?? 0;
			under += Math.max(0, need - covered);
			over += Math.max(0, covered - need);
		})
	);
	const spread = (counts: (t: number, d: number) => boolean) => {
		const perAgent = plan.map((byDay) => byDay.filter((t, d) => t !== null && counts(t, d)).length);
		const total = perAgent.reduce((s, n) => s + n, 0);
		return { max: Math.max(0, ...perAgent), mean: agents.length === 0 ? 0 : total / agents.length };
	};
	const late = spread((t) => week.templates[t]?.late === true);
	const weekend = spread((_, d) => week.weekend[d] === true);
	let preferencePenalty = 0;
	agents.forEach((agent, a) =>
		plan[a]?.forEach((t, d) => {
			preferencePenalty += t === null ? (agent.restCost[d] ?? 0) : (agent.preferenceCost[d]?.get(t) ?? 0);
		})
	);
	const objective =
		weights.underCoverage * under +
		weights.overCoverage * over +
		(weights.lateSpread > 0 ? weights.lateSpread * (late.max - late.mean) : 0) +
		(weights.weekendSpread > 0 ? weights.weekendSpread * (weekend.max - weekend.mean) : 0) +
		weights.preference * preferencePenalty;
	return {
		objective,
		underCoverage: { agentIntervals: under, agentHours: hours(under) },
		overCoverage: { agentIntervals: over, agentHours: hours(over) },
		late,
		weekend,
		preferencePenalty: weights.preference * preferencePenalty
	};
}
