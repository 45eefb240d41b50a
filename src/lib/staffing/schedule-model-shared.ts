// The parts both stages of the weekly model share: agents per template and
// day, coverage against the requirement with under- and over-coverage, and
// the fairness terms (the busiest agent's late and weekend shifts above the
// team's mean).
import type { LinearModel } from './highs.ts';
import type { PreparedWeek } from './schedule-model-prepare.ts';
import { DAY_INTERVALS, WEEK_INTERVALS } from './schedule-model-types.ts';

/**
 * One column per day and template for the number of agents on it, equal to the sum of the given
 * columns (-1 where nobody can take it). Coverage rows then name 56 totals, not every agent.
 */
export function addDayTotals(
	model: LinearModel,
	week: PreparedWeek,
	columnsOf: (d: number, t: number) => number[]
): number[][] {
	return week.days.map((_, d) =>
		week.templates.map((_, t) => {
			const parts = columnsOf(d, t);
			if (parts.length === 0) return -1;
			const total = model.addColumn({});
			model.addRow(0, 0, [[total, 1], ...parts.map((c) => [c, -1] as const)]);
			return total;
		})
	);
}

/**
 * Per queue and interval: coverage − over + under = required, under and over paying their weights.
 * Intervals nobody can staff add their requirement to the objective as a constant.
 */
export function addCoverageRows(model: LinearModel, week: PreparedWeek, totals: number[][]): void {
	const { templates, weights } = week;
	week.queues.forEach((_, q) => {
		const terms: [number, number][][] = Array.from({ length: WEEK_INTERVALS }, () => []);
		totals.forEach((byTemplate, d) =>
			byTemplate.forEach((total, t) => {
				const template = templates[t];
				if (total < 0 || !template?.queues.includes(q)) return;
				template.coverage.forEach((share, k) => {
					const interval = d * DAY_INTERVALS + k;
					if (share > 0 && interval < WEEK_INTERVALS) terms[interval]?.push([total, share]);
				});
			})
		);
		const required = week.required[q];
		terms.forEach((covering, k) => {
			const need = required?.[k] ?? 0;
			if (covering.length === 0) {
				model.offset += weights.underCoverage * need;
				return;
			}
			const over = model.addColumn({ cost: weights.overCoverage });
			const under = model.addColumn({ cost: weights.underCoverage, upper: need });
			model.addRow(need, need, [...covering, [over, -1], [under, 1]]);
		});
	});
}

/** Whether a shift of template t on day d counts as late, and as a weekend shift. */
export function isLate(week: PreparedWeek, _d: number, t: number): boolean {
	return week.templates[t]?.late === true;
}
export function isWeekend(week: PreparedWeek, d: number): boolean {
	return week.weekend[d] === true;
}

/**
 * The fairness columns: the most late (then weekend) shifts any agent has, paying its weight. The
 * caller ties it to the shifts with `bind(counts, column, weight)`, and charges each counted shift
 * −weight / team size, which makes the term "most above the team's mean".
 */
export function addFairnessColumns(
	model: LinearModel,
	week: PreparedWeek,
	bind: (counts: (d: number, t: number) => boolean, column: number, weight: number) => void
): void {
	const kinds: [(d: number, t: number) => boolean, number][] = [
		[(d, t) => isLate(week, d, t), week.weights.lateSpread],
		[(d) => isWeekend(week, d), week.weights.weekendSpread]
	];
	for (const [counts, weight] of kinds) {
		if (weight === 0 || week.agents.length === 0) continue;
		const column = model.addColumn({ cost: weight, integer: true });
		bind(counts, column, weight);
	}
}
