// The QA total of a scored call, as public.score_call computes it
// (20261209200100_qa_scoring_and_csat_import.sql): 100 × Σ(weight × points /
// max_points) / Σ weight, rounded to 2 decimals. The database's total is the
// one stored; this is the same rule for the preview while scoring, and
// score.spec.ts checks it against the cases of 71-qa-csat.test.sql.

export interface ScoredItem {
	weight: number;
	max_points: number;
	/** Null while the item is not scored yet. */
	points: number | null;
}

/** The total 0–100, or null until every item has points. */
export function weightedTotal(items: readonly ScoredItem[]): number | null {
	if (items.length === 0 || items.some((i) => i.points === null)) return null;
	let share = 0;
	let weights = 0;
	for (const item of items) {
		share += (item.weight * (item.points ?? 0)) / item.max_points;
		weights += item.weight;
	}
	// Round half away from zero on the 2nd decimal as numeric round() does;
	// the epsilon keeps 56.665 from reading as 56.66499999.
	const total = (100 * share) / weights;
	return Math.round((total + Number.EPSILON * 100) * 100) / 100;
}
