// Properties every queue must have, over generated inputs (fast-check), and
// loads of hundreds to thousands of Erlangs checked against an independent
// formula in logarithms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC } from './erlang';

const QUARTER = 900;
const aht = fc.integer({ min: 20, max: 1200 });
const target = fc.integer({ min: 1, max: 120 });
const goal = fc.record({
	serviceLevel: fc.double({ min: 0, max: 0.99, noNaN: true }),
	maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
	shrinkage: fc.double({ min: 0, max: 0.6, noNaN: true })
});

describe('Erlang C properties', () => {
	it('service level rises and wait probability and ASA fall with every agent', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 600 }),
				aht,
				target,
				fc.integer({ min: 1, max: 40 }),
				(calls, ahtSeconds, targetSeconds, extra) => {
					const q = erlangC({ calls, ahtSeconds, intervalSeconds: QUARTER, targetSeconds });
					const n = Math.floor(q.intensity) + extra;
					expect(q.serviceLevel(n + 1)).toBeGreaterThanOrEqual(q.serviceLevel(n));
					expect(q.waitProbability(n + 1)).toBeLessThanOrEqual(q.waitProbability(n));
					expect(q.asaSeconds(n + 1)).toBeLessThanOrEqual(q.asaSeconds(n));
					expect(q.waitProbability(n)).toBeGreaterThanOrEqual(0);
					expect(q.serviceLevel(n)).toBeLessThanOrEqual(1);
				}
			)
		);
	});

	it('required agents are the fewest that meet the goal, and grow with volume', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 800 }),
				fc.integer({ min: 0, max: 200 }),
				aht,
				target,
				goal,
				(calls, more, ahtSeconds, targetSeconds, g) => {
					const q = erlangC({ calls, ahtSeconds, intervalSeconds: QUARTER, targetSeconds });
					const r = q.requiredAgents(g);
					if (calls > 0) {
						expect(r.serviceLevel).toBeGreaterThanOrEqual(g.serviceLevel);
						expect(r.occupancy).toBeLessThanOrEqual(g.maxOccupancy + 1e-9);
						const fewer = r.rawAgents - 1;
						if (fewer > q.intensity) {
							expect(q.serviceLevel(fewer) < g.serviceLevel || q.occupancy(fewer) > g.maxOccupancy).toBe(true);
						}
					}
					// agents is the least whole count whose available share covers rawAgents
					expect(r.agents * (1 - g.shrinkage)).toBeGreaterThanOrEqual(r.rawAgents - 1e-6);
					expect((r.agents - 1) * (1 - g.shrinkage)).toBeLessThan(r.rawAgents);
					const busier = erlangC({ calls: calls + more, ahtSeconds, intervalSeconds: QUARTER, targetSeconds });
					expect(busier.requiredAgents(g).rawAgents).toBeGreaterThanOrEqual(r.rawAgents);
				}
			)
		);
	});

	it('waits at least as often as Erlang B blocks, and blocking falls with every line', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 600 }),
				aht,
				fc.integer({ min: 1, max: 30 }),
				(calls, ahtSeconds, extra) => {
					const input = { calls, ahtSeconds, intervalSeconds: QUARTER };
					const b = erlangB(input);
					const n = Math.floor(b.intensity) + extra;
					expect(erlangC({ ...input, targetSeconds: 20 }).waitProbability(n)).toBeGreaterThanOrEqual(b.blocking(n));
					expect(b.blocking(n + 1)).toBeLessThan(b.blocking(n));
				}
			)
		);
	});
});

describe('Erlang A properties', () => {
	const load = fc.integer({ min: 1, max: 300 });
	const patience = fc.integer({ min: 5, max: 1800 });

	it('abandonment and waiting fall, service level rises with every agent, at any load', () => {
		fc.assert(
			fc.property(
				load,
				aht,
				target,
				patience,
				fc.integer({ min: 1, max: 60 }),
				(calls, ahtSeconds, targetSeconds, patienceSeconds, n) => {
					const q = erlangA({ calls, ahtSeconds, intervalSeconds: QUARTER, targetSeconds, patienceSeconds });
					expect(q.abandonProbability(n + 1)).toBeLessThanOrEqual(q.abandonProbability(n) + 1e-12);
					expect(q.waitProbability(n + 1)).toBeLessThanOrEqual(q.waitProbability(n) + 1e-12);
					expect(q.serviceLevel(n + 1)).toBeGreaterThanOrEqual(q.serviceLevel(n) - 1e-12);
					// what is answered in time is answered, and what is answered is not abandoned
					expect(q.serviceLevel(n)).toBeLessThanOrEqual(1 - q.abandonProbability(n) + 1e-12);
					expect(q.occupancy(n)).toBeLessThanOrEqual(1 + 1e-12);
				}
			)
		);
	});

	it('tends to Erlang C as patience grows without bound', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 400 }),
				aht,
				target,
				fc.integer({ min: 1, max: 20 }),
				(calls, ahtSeconds, targetSeconds, extra) => {
					const input = { calls, ahtSeconds, intervalSeconds: QUARTER, targetSeconds };
					const c = erlangC(input);
					const a = erlangA({ ...input, patienceSeconds: 1e12 });
					// at least one agent to spare: at saturation the queue is so long
					// that even a patience of 30,000 years makes a measurable difference
					const n = Math.ceil(c.intensity + 1) + extra - 1;
					expect(a.abandonProbability(n)).toBeLessThan(1e-5);
					expect(a.waitProbability(n)).toBeCloseTo(c.waitProbability(n), 5);
					expect(a.serviceLevel(n)).toBeCloseTo(c.serviceLevel(n), 5);
					expect(a.occupancy(n)).toBeCloseTo(c.occupancy(n), 5);
					// relative: near saturation the ASA is many handle times long
					expect(Math.abs(a.asaSeconds(n) - c.asaSeconds(n))).toBeLessThanOrEqual(1e-4 * c.asaSeconds(n) + 1e-9);
				}
			)
		);
	});

	it('approaches the answered share as the target grows, and requirements meet the goal', () => {
		fc.assert(
			fc.property(load, aht, patience, goal, (calls, ahtSeconds, patienceSeconds, g) => {
				const input = { calls, ahtSeconds, intervalSeconds: QUARTER, patienceSeconds };
				const n = Math.max(1, Math.round((calls * ahtSeconds) / QUARTER));
				const forever = erlangA({ ...input, targetSeconds: 1e7 });
				expect(forever.serviceLevel(n)).toBeCloseTo(1 - forever.abandonProbability(n), 9);
				const q = erlangA({ ...input, targetSeconds: 20 });
				const r = q.requiredAgents(g);
				expect(r.serviceLevel).toBeGreaterThanOrEqual(g.serviceLevel);
				expect(r.occupancy).toBeLessThanOrEqual(g.maxOccupancy + 1e-9);
				if (r.rawAgents > 1) {
					const fewer = r.rawAgents - 1;
					expect(q.serviceLevel(fewer) < g.serviceLevel || q.occupancy(fewer) > g.maxOccupancy).toBe(true);
				}
			})
		);
	});
});

/**
 * Erlang C from its textbook definition, summed in logarithms so nothing
 * overflows: independent of the Erlang B recurrence the module uses.
 */
function waitByLogs(intensity: number, agents: number): number {
	const logTerms: number[] = [];
	let logFactorial = 0;
	for (let k = 0; k <= agents; k++) {
		if (k > 0) logFactorial += Math.log(k);
		logTerms.push(k * Math.log(intensity) - logFactorial);
	}
	const logQueued = (logTerms[agents] ?? 0) + Math.log(agents / (agents - intensity));
	const top = Math.max(logQueued, ...logTerms);
	let below = 0;
	for (let k = 0; k < agents; k++) below += Math.exp((logTerms[k] ?? 0) - top);
	const queued = Math.exp(logQueued - top);
	return queued / (below + queued);
}

describe('large intensities', () => {
	it.each([250, 1_000, 5_000, 20_000])('stays finite and exact at %i Erlangs', (erlangs) => {
		const q = erlangC({ calls: erlangs * 5, ahtSeconds: 180, intervalSeconds: QUARTER, targetSeconds: 20 });
		expect(q.intensity).toBe(erlangs);
		const r = q.requiredAgents({ serviceLevel: 0.9, maxOccupancy: 0.98, shrinkage: 0.3 });
		for (const value of Object.values(r)) expect(Number.isFinite(value)).toBe(true);
		expect(r.rawAgents).toBeGreaterThan(erlangs);
		expect(r.rawAgents).toBeLessThan(erlangs + 5 * Math.sqrt(erlangs) + 10);
		expect(r.waitProbability).toBeCloseTo(waitByLogs(erlangs, r.rawAgents), 9);
		expect(erlangB({ calls: erlangs, ahtSeconds: 1, intervalSeconds: 1 }).blocking(erlangs)).toBeGreaterThan(0);
		const a = erlangA({
			calls: erlangs * 5,
			ahtSeconds: 180,
			intervalSeconds: QUARTER,
			targetSeconds: 20,
			patienceSeconds: 90
		});
		for (const n of [Math.round(erlangs * 0.9), erlangs, r.rawAgents]) {
			for (const value of [a.serviceLevel(n), a.abandonProbability(n), a.asaSeconds(n), a.occupancy(n)]) {
				expect(Number.isFinite(value)).toBe(true);
			}
		}
	});

	it('agrees with the logarithmic formula across small and medium queues', () => {
		for (const [erlangs, agents] of [
			[0.5, 1],
			[2.5, 4],
			[10, 11],
			[47.3, 52],
			[180, 195]
		] as const) {
			const q = erlangC({ calls: erlangs, ahtSeconds: 60, intervalSeconds: 60, targetSeconds: 20 });
			expect(q.waitProbability(agents)).toBeCloseTo(waitByLogs(erlangs, agents), 12);
		}
	});
});
