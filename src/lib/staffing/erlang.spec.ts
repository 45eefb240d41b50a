// The Erlang module against figures published by others, and its refusals.
// Each vector names its source; none of these numbers was produced by this
// module. Properties and large loads: erlang-properties.spec.ts.
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC } from './erlang';

const HALF_HOUR = 1800;

/** The highest load that `lines` carry at blocking ≤ gos, by bisection on blocking(). */
function capacityAt(lines: number, gos: number): number {
	let low = 0;
	let high = 2 * lines + 10;
	for (let i = 0; i < 100; i++) {
		const mid = (low + high) / 2;
		if (erlangB({ calls: mid, ahtSeconds: 1, intervalSeconds: 1 }).blocking(lines) > gos) high = mid;
		else low = mid;
	}
	return low;
}

describe('Erlang C against published examples', () => {
	// Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
	// Example" (callcentrehelper.com/erlang-c-formula-example-121281.htm):
	// 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s, max occupancy 85 %,
	// shrinkage 30 %. Published: A = 10 Erlangs; P(wait) 0.6821 with 11
	// agents; with 14: P(wait) 0.1741, SL 88.8 %, ASA 7.8 s, 82.6 % answered
	// at once, occupancy 71.4 %; 20 agents after shrinkage.
	const example = erlangC({ calls: 100, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 20 });

	it('reproduces the Call Centre Helper worked example', () => {
		expect(example.intensity).toBe(10);
		expect(example.waitProbability(11)).toBeCloseTo(0.6821, 4);
		expect(example.waitProbability(14)).toBeCloseTo(0.1741, 4);
		expect(example.serviceLevel(14)).toBeCloseTo(0.888, 3);
		expect(example.asaSeconds(14)).toBeCloseTo(7.8, 1);
		expect(1 - example.waitProbability(14)).toBeCloseTo(0.826, 3);
		expect(example.occupancy(14)).toBeCloseTo(0.714, 3);
		expect(example.serviceLevel(13)).toBeLessThan(0.8);
		expect(example.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 })).toMatchObject({
			rawAgents: 14,
			agents: 20
		});
	});

	// pyworkforce (github.com/rodrigo-arenas/pyworkforce),
	// pyworkforce/queuing/tests/test_erlang.py: the same queue with the target
	// given as asa = 0.33 min (19.8 s); results asserted to 3 decimals.
	const pyworkforce = erlangC({ calls: 100, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 19.8 });

	it('matches pyworkforce test_expected_erlangc_results', () => {
		const r = pyworkforce.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 });
		expect(r.rawAgents).toBe(14);
		expect(r.agents).toBe(20);
		expect(r.serviceLevel).toBeCloseTo(0.888, 3);
		expect(r.occupancy).toBeCloseTo(0.714, 3);
		expect(r.waitProbability).toBeCloseTo(0.174, 3);
	});

	it('matches pyworkforce test_over_occupancy_erlangc (occupancy raises the count)', () => {
		const r = pyworkforce.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 0.7, shrinkage: 0.3 });
		expect(r.rawAgents).toBe(15);
		expect(r.agents).toBe(22);
		expect(r.serviceLevel).toBeCloseTo(0.941, 3);
		expect(r.occupancy).toBeCloseTo(0.667, 3);
		expect(r.waitProbability).toBeCloseTo(0.102, 3);
	});

	// The R package Erlang (github.com/phubers/erlang), vignettes/vignette.Rmd:
	// 200 calls per half hour, AHT 180 s, goal 80 % within 60 s → a workload
	// of 20 Erlangs that needs 23 agents, occupancy 20/23 or 87 %.
	it('matches the R Erlang package vignette', () => {
		const queue = erlangC({ calls: 200, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 60 });
		expect(queue.intensity).toBe(20);
		const r = queue.requiredAgents({ serviceLevel: 0.8 });
		expect(r.rawAgents).toBe(23);
		expect(r.occupancy).toBeCloseTo(0.87, 2);
	});
});

describe('Erlang B against published tables', () => {
	// pyworkforce, pyworkforce/queuing/tests/test_erlang_b.py.
	it('matches pyworkforce: B(1, 1 E) = 0.5, B(2, 1 E) = 0.2, 10 E at 2 % needs 17 lines', () => {
		const one = erlangB({ calls: 30, ahtSeconds: 60, intervalSeconds: HALF_HOUR });
		expect(one.blocking(1)).toBeCloseTo(0.5, 12);
		expect(one.blocking(2)).toBeCloseTo(0.2, 12);
		const ten = erlangB({ calls: 100, ahtSeconds: 180, intervalSeconds: HALF_HOUR });
		expect(ten.requiredLines(0.02)).toBe(17);
		expect(ten.blocking(17)).toBeLessThanOrEqual(0.02);
		expect(ten.blocking(16)).toBeGreaterThan(0.02);
	});

	// Erlang calculator manual, "How much traffic can a trunk group handle?"
	// (erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm):
	// 15 lines at 1 % blocking can be offered at most 8.108 Erlangs.
	it('matches erlang.com: 15 lines at 1 % carry 8.108 Erlangs', () => {
		expect(capacityAt(15, 0.01)).toBeCloseTo(8.108, 3);
		const hour = erlangB({ calls: 8.108, ahtSeconds: 3600, intervalSeconds: 3600 });
		expect(hour.requiredLines(0.01)).toBe(15);
	});

	// Avaya BCMS Operations (07-300061, issue 5.0, May 2005, p. 136), ACD trunk
	// engineering example: under 1 % blocking, 14 trunks carry 7.278 Erlangs
	// and 16 carry 8.786 (carried = offered × 0.99).
	it('matches the Avaya BCMS trunk table', () => {
		expect(capacityAt(14, 0.01) * 0.99).toBeCloseTo(7.278, 3);
		expect(capacityAt(16, 0.01) * 0.99).toBeCloseTo(8.786, 3);
	});

	// "Carrier Grade Voice Over IP", 2nd ed., appendix A "Table of Erlang B"
	// (globalspec.com/reference/55139/203279): offered Erlangs, one decimal,
	// for 5–9 channels at 1 %, 2 %, 3 %, 4 % and 5 % blocking.
	const TABLE: [number, number[]][] = [
		[5, [1.4, 1.7, 1.9, 2.1, 2.2]],
		[6, [1.9, 2.3, 2.5, 2.8, 3.0]],
		[7, [2.5, 2.9, 3.2, 3.5, 3.7]],
		[8, [3.1, 3.6, 4.0, 4.3, 4.5]],
		[9, [3.8, 4.3, 4.7, 5.1, 5.4]]
	];
	it.each(TABLE)('matches the Carrier Grade VoIP table for %i channels', (lines, row) => {
		row.forEach((erlangs, i) => expect(capacityAt(lines, (i + 1) / 100)).toBeCloseTo(erlangs, 1));
	});
});

describe('Erlang A against published figures', () => {
	// pyworkforce, pyworkforce/queuing/tests/test_abandonment.py
	// (test_erlanga_regression_metrics, exact birth–death solution): 100 calls
	// in 30 min, AHT 3 min, target 20 s, mean patience 5 min, 14 agents.
	const queue = erlangA({
		calls: 100,
		ahtSeconds: 180,
		intervalSeconds: HALF_HOUR,
		targetSeconds: 20,
		patienceSeconds: 300
	});

	it('matches pyworkforce test_erlanga_regression_metrics', () => {
		expect(queue.waitProbability(14)).toBeCloseTo(0.14526, 5);
		expect(queue.abandonProbability(14)).toBeCloseTo(0.013984, 6);
		expect(queue.occupancy(14)).toBeCloseTo(0.704297, 6);
		expect(queue.serviceLevel(14)).toBeCloseTo(0.916792, 6);
		// pyworkforce's average_speed_of_answer is the mean wait of all calls,
		// abandoned ones included: Lq/λ = 0.069919 min, which with abandonment
		// at rate 1/patience per waiting caller is P(abandon) × patience. Our
		// asaSeconds is the mean wait W of answered calls; as the all-calls
		// mean is P(answered)·W + P(abandoned)·(their wait), W stays below the
		// all-calls mean / P(answered).
		const abandon = queue.abandonProbability(14);
		expect((abandon * 300) / 60).toBeCloseTo(0.069919, 6);
		expect(queue.asaSeconds(14)).toBeGreaterThan(0);
		expect(queue.asaSeconds(14)).toBeLessThan((abandon * 300) / (1 - abandon));
	});

	// No published figure gives the mean wait of answered calls, so it is
	// checked against the service level, computed by another formula (the
	// incomplete beta series): the mean of a wait is the integral of its tail,
	// W = ∫ (P(answered) − SL(t)) dt / P(answered).
	it('gives the mean wait of answered calls as the integral of their service-level curve', () => {
		const answered = 1 - queue.abandonProbability(14);
		const tail = (t: number) =>
			answered -
			erlangA({
				calls: 100,
				ahtSeconds: 180,
				intervalSeconds: HALF_HOUR,
				targetSeconds: t,
				patienceSeconds: 300
			}).serviceLevel(14);
		const steps = 2000;
		const end = 4000;
		const h = end / steps;
		let integral = tail(1e-9) + tail(end);
		for (let i = 1; i < steps; i++) integral += (i % 2 === 1 ? 4 : 2) * tail(i * h);
		integral *= h / 3;
		expect(queue.asaSeconds(14)).toBeCloseTo(integral / answered, 4);
	});

	it('needs fewer agents than Erlang C here, and is defined at the intensity', () => {
		const r = queue.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 0.85 });
		expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(queue.serviceLevel(r.rawAgents - 1)).toBeLessThan(0.8);
		expect(r.rawAgents).toBeLessThan(14);
		expect(queue.serviceLevel(10)).toBeGreaterThan(0);
	});
});

/** fn throws a RangeError whose message starts with the parameter's name. */
function refuses(fn: () => unknown, parameter: string) {
	expect(fn).toThrow(RangeError);
	expect(fn).toThrow(new RegExp(`^${parameter} `));
}

describe('refusals name the parameter', () => {
	const base = { calls: 100, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 20 };
	const patient = { ...base, patienceSeconds: 120 };

	it.each([
		['calls', { calls: -1 }],
		['calls', { calls: Number.NaN }],
		['calls', { calls: Number.POSITIVE_INFINITY }],
		['ahtSeconds', { ahtSeconds: 0 }],
		['ahtSeconds', { ahtSeconds: -30 }],
		['intervalSeconds', { intervalSeconds: 0 }],
		['intervalSeconds', { intervalSeconds: -900 }],
		['targetSeconds', { targetSeconds: 0 }],
		['targetSeconds', { targetSeconds: -20 }]
	] as const)('every model refuses %s = %o', (parameter, change) => {
		refuses(() => erlangC({ ...base, ...change }), parameter);
		refuses(() => erlangA({ ...patient, ...change }), parameter);
		if (parameter !== 'targetSeconds') refuses(() => erlangB({ ...base, ...change }), parameter);
	});

	it.each([0, -60, Number.POSITIVE_INFINITY, Number.NaN])('Erlang A refuses patienceSeconds = %d', (value) => {
		refuses(() => erlangA({ ...patient, patienceSeconds: value }), 'patienceSeconds');
	});

	it('refuses agents at or below the intensity in Erlang C, and partial or negative agents', () => {
		const c = erlangC(base);
		for (const metric of ['waitProbability', 'serviceLevel', 'asaSeconds', 'occupancy'] as const) {
			for (const agents of [10, 7, 0, 12.5, -1]) refuses(() => c[metric](agents), 'agents');
		}
		expect(c.waitProbability(11)).toBeGreaterThan(0);
	});

	it('Erlang A takes agents below the intensity but not zero, partial or negative agents', () => {
		const a = erlangA(patient);
		expect(a.serviceLevel(7)).toBeGreaterThan(0);
		for (const metric of [
			'waitProbability',
			'serviceLevel',
			'asaSeconds',
			'occupancy',
			'abandonProbability'
		] as const) {
			for (const agents of [0, 3.5, -2]) refuses(() => a[metric](agents), 'agents');
		}
	});

	it('refuses service levels, occupancies and shrinkage out of range', () => {
		for (const model of [erlangC(base), erlangA(patient)]) {
			refuses(() => model.requiredAgents({ serviceLevel: 1.2 }), 'serviceLevel');
			refuses(() => model.requiredAgents({ serviceLevel: -0.1 }), 'serviceLevel');
			refuses(() => model.requiredAgents({ serviceLevel: Number.NaN }), 'serviceLevel');
			refuses(() => model.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 0 }), 'maxOccupancy');
			refuses(() => model.requiredAgents({ serviceLevel: 0.8, maxOccupancy: 1.01 }), 'maxOccupancy');
			refuses(() => model.requiredAgents({ serviceLevel: 0.8, shrinkage: 1 }), 'shrinkage');
			refuses(() => model.requiredAgents({ serviceLevel: 0.8, shrinkage: -0.05 }), 'shrinkage');
		}
	});

	it('refuses partial or negative lines and a blocking target outside (0, 1]', () => {
		const b = erlangB(base);
		refuses(() => b.blocking(-1), 'lines');
		refuses(() => b.blocking(2.5), 'lines');
		refuses(() => b.requiredLines(0), 'maxBlocking');
		refuses(() => b.requiredLines(1.5), 'maxBlocking');
		expect(b.requiredLines(1)).toBe(0);
	});
});

describe('edges', () => {
	it('needs no agents and no lines for zero calls', () => {
		const none = { calls: 0, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 20 };
		const idle = { rawAgents: 0, agents: 0, serviceLevel: 1, occupancy: 0, waitProbability: 0, asaSeconds: 0 };
		expect(erlangC(none).requiredAgents({ serviceLevel: 0.95, shrinkage: 0.3 })).toEqual(idle);
		expect(erlangA({ ...none, patienceSeconds: 60 }).requiredAgents({ serviceLevel: 0.95 })).toEqual({
			...idle,
			abandonProbability: 0
		});
		expect(erlangB(none).requiredLines(0.01)).toBe(0);
		expect(erlangC(none).serviceLevel(0)).toBe(1);
	});

	it('rounds shrinkage up without counting floating-point dust as an agent', () => {
		// 3 / (1 − 0.8) is 15.000000000000004 in binary floating point.
		const queue = erlangC({ calls: 10, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 20 });
		const r = queue.requiredAgents({ serviceLevel: 0.8, shrinkage: 0.8 });
		expect(r.rawAgents).toBe(3);
		expect(r.agents).toBe(15);
		expect(queue.requiredAgents({ serviceLevel: 0.8, shrinkage: 0.79 }).agents).toBe(15);
		expect(queue.requiredAgents({ serviceLevel: 0.8, shrinkage: 0.81 }).agents).toBe(16);
	});

	it('meets a 0 % goal with the first stable count and a 100 % goal at finite cost', () => {
		const queue = erlangC({ calls: 100, ahtSeconds: 180, intervalSeconds: HALF_HOUR, targetSeconds: 20 });
		expect(queue.requiredAgents({ serviceLevel: 0 }).rawAgents).toBe(11);
		const all = queue.requiredAgents({ serviceLevel: 1 });
		expect(all.serviceLevel).toBe(1);
		expect(all.rawAgents).toBeLessThan(60);
	});
});
