import { describe, expect, it } from 'vitest';
import { costOf, solveShiftCover, type ShiftCoverInput } from './shift-cover.ts';

/** Every count vector per day up to `top`; the least objective among the feasible ones, or null. */
function bruteForce(input: ShiftCoverInput, top: number): number | null {
	const shifts = input.shifts.length;
	const maxShift = Math.min(top, input.maxPerShift ?? top);
	let total = 0;
	for (const day of input.required) {
		let best = Infinity;
		const counts = new Array<number>(shifts).fill(0);
		const visit = (s: number) => {
			if (s === shifts) {
				const covered = day.map((_, p) =>
					input.shifts.reduce((c, shift, i) => c + (shift.periods.includes(p) ? (counts[i] ?? 0) : 0), 0)
				);
				if (covered.some((c) => c > (input.maxPerPeriod ?? Infinity))) return;
				if (input.objective === 'min-cost' && covered.some((c, p) => c < (day[p] ?? 0))) return;
				const value =
					input.objective === 'min-cost'
						? counts.reduce((sum, n, i) => sum + n * (input.shifts[i]?.cost ?? 1), 0)
						: covered.reduce((sum, c, p) => sum + Math.abs(c - (day[p] ?? 0)), 0);
				best = Math.min(best, value);
				return;
			}
			for (let n = 0; n <= maxShift; n++) {
				counts[s] = n;
				visit(s + 1);
			}
		};
		visit(0);
		if (best === Infinity) return null;
		total += best;
	}
	return total;
}

const SHIFTS = [
	{ name: 'early', periods: [0, 1, 2], cost: 3 },
	{ name: 'middle', periods: [1, 2, 3], cost: 3 },
	{ name: 'late', periods: [3, 4, 5], cost: 3 },
	{ name: 'short', periods: [2, 3], cost: 2 }
];
const REQUIRED = [
	[2, 3, 4, 4, 2, 1],
	[1, 1, 3, 5, 3, 3],
	[0, 2, 2, 1, 4, 0]
];

describe('solveShiftCover', () => {
	const cases: [string, ShiftCoverInput][] = [
		['min-cost', { required: REQUIRED, shifts: SHIFTS, objective: 'min-cost' }],
		['min-cost with maxPerPeriod', { required: REQUIRED, shifts: SHIFTS, objective: 'min-cost', maxPerPeriod: 5 }],
		['min-abs-difference', { required: REQUIRED, shifts: SHIFTS, objective: 'min-abs-difference' }],
		[
			'min-abs-difference with both limits',
			{ required: REQUIRED, shifts: SHIFTS, objective: 'min-abs-difference', maxPerShift: 2, maxPerPeriod: 3 }
		]
	];
	for (const [name, input] of cases) {
		it(`finds the brute-force optimum: ${name}`, async () => {
			const result = await solveShiftCover(input);
			const best = bruteForce(input, 6);
			expect(best).not.toBeNull();
			expect(result.status).toBe('optimal');
			expect(result.cost).toBe(best);
			// The counts themselves are feasible and cost what is reported.
			expect(costOf(input, result.counts)).toBe(result.cost);
			for (const byShift of result.counts)
				for (const n of byShift) expect(n).toBeLessThanOrEqual(input.maxPerShift ?? 6);
		});
	}

	it('says infeasible when the limits leave a period short, as the enumeration does', async () => {
		const input: ShiftCoverInput = { required: REQUIRED, shifts: SHIFTS, objective: 'min-cost', maxPerShift: 1 };
		expect(bruteForce(input, 6)).toBeNull();
		const result = await solveShiftCover(input);
		expect(result.status).toBe('infeasible');
		expect(result.cost).toBeNaN();
	});

	it('says infeasible when no shift covers a required period', async () => {
		const result = await solveShiftCover({
			required: [[1, 0, 1]],
			shifts: [{ name: 'first', periods: [0, 1] }],
			objective: 'min-cost'
		});
		expect(result.status).toBe('infeasible');
	});

	it('prefers the cheaper of two covering shifts', async () => {
		const result = await solveShiftCover({
			required: [[2, 2]],
			shifts: [
				{ name: 'dear', periods: [0, 1], cost: 5 },
				{ name: 'cheap', periods: [0, 1], cost: 2 }
			],
			objective: 'min-cost'
		});
		expect(result).toEqual({ status: 'optimal', cost: 4, counts: [[0, 2]] });
	});

	it('stops at the time limit on a large problem', async () => {
		// 7 days × 96 periods and 300 overlapping shifts of odd lengths: about 0.9 s of work here,
		// stopped after 5 ms. Timing-based (HiGHS has no deterministic work limit that reports a
		// time limit), with a margin of two orders of magnitude.
		const required = Array.from({ length: 7 }, (_, d) =>
			Array.from({ length: 96 }, (_, p) => Math.round(20 + 15 * Math.sin((p + d * 7) / 9) + ((p * 37 + d * 11) % 7)))
		);
		const shifts = Array.from({ length: 300 }, (_, s) => {
			const start = (s * 13) % 80;
			const length = 17 + ((s * 7) % 19);
			return { name: `s${s}`, periods: Array.from({ length }, (_, i) => start + i).filter((p) => p < 96) };
		});
		const result = await solveShiftCover({
			required,
			shifts,
			objective: 'min-abs-difference',
			timeLimitSeconds: 0.005
		});
		expect(result.status).toBe('time-limit');
		expect(result.counts).toHaveLength(7);
	});

	it('refuses bad input with a RangeError naming the parameter', async () => {
		const base: ShiftCoverInput = {
			required: [[1, 2]],
			shifts: [{ name: 'a', periods: [0, 1] }],
			objective: 'min-cost'
		};
		await expect(solveShiftCover({ ...base, required: [] })).rejects.toThrow(/^required/);
		await expect(solveShiftCover({ ...base, required: [[1, 2], [1]] })).rejects.toThrow(/required\[1\]/);
		await expect(solveShiftCover({ ...base, required: [[1, -2]] })).rejects.toThrow(/required\[0\]\[1\]/);
		await expect(solveShiftCover({ ...base, shifts: [] })).rejects.toThrow(/^shifts/);
		await expect(solveShiftCover({ ...base, shifts: [{ name: 'a', periods: [2] }] })).rejects.toThrow(
			/shifts\[0\]\.periods/
		);
		await expect(solveShiftCover({ ...base, shifts: [{ name: ' ', periods: [0] }] })).rejects.toThrow(
			/shifts\[0\]\.name/
		);
		await expect(solveShiftCover({ ...base, shifts: [{ name: 'a', periods: [0], cost: -1 }] })).rejects.toThrow(
			/shifts\[0\]\.cost/
		);
		await expect(solveShiftCover({ ...base, maxPerShift: -1 })).rejects.toThrow(/maxPerShift/);
		await expect(solveShiftCover({ ...base, maxPerPeriod: Number.NaN })).rejects.toThrow(/maxPerPeriod/);
		await expect(solveShiftCover({ ...base, timeLimitSeconds: 0 })).rejects.toThrow(/timeLimitSeconds/);
		await expect(solveShiftCover({ ...base, objective: 'max' as ShiftCoverInput['objective'] })).rejects.toThrow(
			RangeError
		);
	});
});
