// The classic shift-count problem on its own, as a building block: how many
// agents to put on each shift of each day so that the periods of the day are
// covered. Days are independent; each shift covers the same periods every day.
//  - min-cost: least Σ cost × count with coverage ≥ required (and ≤ maxPerPeriod);
//  - min-abs-difference: least Σ |coverage − required| with coverage ≤ maxPerPeriod.
// Counts are whole numbers, at most maxPerShift. Solved exactly by HiGHS.
import { LinearModel, loadSolver, solveModel, type Highs } from './highs.ts';

export interface ShiftCoverInput {
	/** required[day][period]: agents needed. Every day has the same number of periods. */
	required: number[][];
	/** periods: the periods of a day the shift covers (0-based). cost: per agent on it, 1 by default. */
	shifts: { name: string; periods: number[]; cost?: number }[];
	objective: 'min-cost' | 'min-abs-difference';
	maxPerShift?: number;
	maxPerPeriod?: number;
	timeLimitSeconds?: number;
}

export interface ShiftCoverResult {
	/** time-limit: stopped by the clock; counts are the best found, or all 0 when none was. */
	status: 'optimal' | 'infeasible' | 'time-limit';
	/** The objective of the counts (Σ cost × count, or Σ |coverage − required|); NaN with no counts found. */
	cost: number;
	/** counts[day][shift] */
	counts: number[][];
}

export interface ShiftCoverOptions {
	/** A loaded HiGHS runtime, or where the browser finds highs.wasm (see highs.ts). */
	highs?: Highs;
	wasmUrl?: string;
}

function validate(input: ShiftCoverInput): number {
	const { required, shifts } = input;
	if (!Array.isArray(required) || required.length === 0) throw new RangeError('required must list at least one day');
	const periods = required[0]?.length ?? 0;
	required.forEach((day, d) => {
		if (!Array.isArray(day) || day.length !== periods) {
			throw new RangeError(`required[${d}] must have ${periods} periods like required[0]`);
		}
		day.forEach((n, p) => {
			if (!Number.isFinite(n) || n < 0) throw new RangeError(`required[${d}][${p}] must be a non-negative number`);
		});
	});
	if (!Array.isArray(shifts) || shifts.length === 0) throw new RangeError('shifts must list at least one shift');
	shifts.forEach((shift, s) => {
		if (typeof shift.name !== 'string' || shift.name.trim() === '')
			throw new RangeError(`shifts[${s}].name must not be blank`);
		if (!shift.periods.every((p) => Number.isInteger(p) && p >= 0 && p < periods)) {
			throw new RangeError(`shifts[${s}].periods must be whole periods from 0 to ${periods - 1}`);
		}
		if (new Set(shift.periods).size !== shift.periods.length)
			throw new RangeError(`shifts[${s}].periods repeats a period`);
		if (shift.cost !== undefined && !(Number.isFinite(shift.cost) && shift.cost >= 0)) {
			throw new RangeError(`shifts[${s}].cost must be a non-negative number`);
		}
	});
	if (input.objective !== 'min-cost' && input.objective !== 'min-abs-difference') {
		throw new RangeError("objective must be 'min-cost' or 'min-abs-difference'");
	}
	for (const key of ['maxPerShift', 'maxPerPeriod'] as const) {
		const value = input[key];
		if (value !== undefined && !(Number.isFinite(value) && value >= 0))
			throw new RangeError(`${key} must be a non-negative number`);
	}
	const limit = input.timeLimitSeconds;
	if (limit !== undefined && !(limit > 0)) throw new RangeError('timeLimitSeconds must be a positive number');
	return periods;
}

export async function solveShiftCover(
	input: ShiftCoverInput,
	options: ShiftCoverOptions = {}
): Promise<ShiftCoverResult> {
	const periods = validate(input);
	const { required, shifts, objective } = input;
	const highs = options.highs ?? (await loadSolver(options.wasmUrl));
	const model = new LinearModel();
	const minCost = objective === 'min-cost';
	const count = required.map(() =>
		shifts.map((shift) =>
			model.addColumn({ cost: minCost ? (shift.cost ?? 1) : 0, upper: input.maxPerShift ?? Infinity, integer: true })
		)
	);
	required.forEach((day, d) => {
		for (let p = 0; p < periods; p++) {
			const covering = shifts.flatMap((shift, s) =>
				shift.periods.includes(p) ? [[count[d]?.[s] ?? -1, 1] as const] : []
			);
			const need = day[p] ?? 0;
			const most = input.maxPerPeriod ?? Infinity;
			if (minCost) {
				model.addRow(need, most, covering);
			} else {
				// coverage − over + under = need; both paid 1, so their sum is |coverage − need|.
				const over = model.addColumn({ cost: 1 });
				const under = model.addColumn({ cost: 1 });
				model.addRow(need, need, [...covering, [over, -1], [under, 1]]);
				if (covering.length > 0 && Number.isFinite(most)) model.addRow(-Infinity, most, covering);
			}
		}
	});
	const result = solveModel(highs, model, { timeLimitSeconds: input.timeLimitSeconds, relativeGap: 0 });
	const counts = count.map((byShift) => byShift.map((c) => (result.values ? Math.round(result.values[c] ?? 0) : 0)));
	if (result.status === 'infeasible') return { status: 'infeasible', cost: Number.NaN, counts };
	return {
		status: result.status === 'optimal' ? 'optimal' : 'time-limit',
		cost: result.values ? costOf(input, counts) : Number.NaN,
		counts
	};
}

/** The objective of given counts, recomputed from them (not HiGHS's floating-point sum). */
export function costOf(input: ShiftCoverInput, counts: number[][]): number {
	if (input.objective === 'min-cost') {
		return counts.reduce(
			(sum, byShift) => sum + byShift.reduce((s, n, i) => s + n * (input.shifts[i]?.cost ?? 1), 0),
			0
		);
	}
	return input.required.reduce(
		(sum, day, d) =>
			sum +
			day.reduce((s, need, p) => {
				const covered = input.shifts.reduce(
					(c, shift, i) => c + (shift.periods.includes(p) ? (counts[d]?.[i] ?? 0) : 0),
					0
				);
				return s + Math.abs(covered - need);
			}, 0),
		0
	);
}
