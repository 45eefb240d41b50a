// The heatmap's projected service: the Erlang figures for the scheduled count,
// and the conventions for intervals without calls, without agents, or with
// fewer agents than the load.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from './erlang';
import { projectService, projectWeek } from './projected-service';

const HALF_HOUR = { intervalSeconds: 1800, targetSeconds: 20 };
// The Call Centre Helper example (see erlang.spec.ts): 10 Erlangs.
const LOAD = { calls: 100, ahtSeconds: 180 };

describe('projectService', () => {
	it('gives Erlang C figures for the agents on the phones', () => {
		const p = projectService(LOAD, 14, HALF_HOUR);
		expect(p).toEqual({
			agents: 14,
			serviceLevel: expect.closeTo(0.888, 3) as number,
			occupancy: expect.closeTo(0.714, 3) as number,
			waitProbability: expect.closeTo(0.1741, 4) as number,
			asaSeconds: expect.closeTo(7.8, 1) as number,
			abandonProbability: null,
			overloaded: false
		});
	});

	it('takes shrinkage off the scheduled count and rounds partial agents down', () => {
		const direct = projectService(LOAD, 14, HALF_HOUR);
		expect(projectService(LOAD, 20, { ...HALF_HOUR, shrinkage: 0.3 })).toEqual(direct);
		expect(projectService(LOAD, 14.9, HALF_HOUR)).toEqual(direct);
		expect(projectService(LOAD, 19, { ...HALF_HOUR, shrinkage: 0.3 })?.agents).toBe(13);
	});

	it('returns null for an interval without calls, whoever is scheduled', () => {
		expect(projectService({ calls: 0, ahtSeconds: 180 }, 0, HALF_HOUR)).toBeNull();
		expect(
			projectService({ calls: 0, ahtSeconds: 180 }, 12, { ...HALF_HOUR, model: 'erlang-a', patienceSeconds: 60 })
		).toBeNull();
	});

	it('gives service level 0 when calls come and no one is scheduled', () => {
		const unserved = { agents: 0, serviceLevel: 0, occupancy: 0, waitProbability: 1, asaSeconds: null };
		expect(projectService(LOAD, 0, HALF_HOUR)).toEqual({ ...unserved, abandonProbability: null, overloaded: true });
		expect(projectService(LOAD, 0, { ...HALF_HOUR, model: 'erlang-a', patienceSeconds: 60 })).toEqual({
			...unserved,
			abandonProbability: 1,
			overloaded: true
		});
		// shrinkage can leave no one on the phones too
		expect(projectService(LOAD, 1, { ...HALF_HOUR, shrinkage: 0.3 })?.serviceLevel).toBe(0);
	});

	it('reports the limits of an overloaded Erlang C queue and computes Erlang A there', () => {
		for (const scheduled of [5, 10]) {
			expect(projectService(LOAD, scheduled, HALF_HOUR)).toEqual({
				agents: scheduled,
				serviceLevel: 0,
				occupancy: 1,
				waitProbability: 1,
				asaSeconds: null,
				abandonProbability: null,
				overloaded: true
			});
		}
		const settings = { ...HALF_HOUR, model: 'erlang-a', patienceSeconds: 300 } as const;
		const a = erlangA({ ...LOAD, ...settings });
		const p = projectService(LOAD, 9, settings);
		expect(p).toEqual({
			agents: 9,
			serviceLevel: a.serviceLevel(9),
			occupancy: a.occupancy(9),
			waitProbability: a.waitProbability(9),
			asaSeconds: a.asaSeconds(9),
			abandonProbability: a.abandonProbability(9),
			overloaded: true
		});
		expect(p?.serviceLevel).toBeGreaterThan(0.2);
		// pyworkforce's Erlang A vector (erlang.spec.ts) through this path
		expect(projectService(LOAD, 14, settings)?.serviceLevel).toBeCloseTo(0.916792, 6);
	});

	it('refuses invalid input naming the parameter, also for intervals without calls', () => {
		const zero = { calls: 0, ahtSeconds: 180 };
		expect(() => projectService(LOAD, -1, HALF_HOUR)).toThrow(/^scheduled /);
		expect(() => projectService({ calls: -3, ahtSeconds: 180 }, 5, HALF_HOUR)).toThrow(/^calls /);
		expect(() => projectService({ calls: 0, ahtSeconds: 0 }, 5, HALF_HOUR)).toThrow(/^ahtSeconds /);
		expect(() => projectService(zero, 5, { ...HALF_HOUR, targetSeconds: 0 })).toThrow(/^targetSeconds /);
		expect(() => projectService(zero, 5, { ...HALF_HOUR, intervalSeconds: -900 })).toThrow(/^intervalSeconds /);
		expect(() => projectService(zero, 5, { ...HALF_HOUR, shrinkage: 1 })).toThrow(/^shrinkage /);
		expect(() => projectService(LOAD, 5, { ...HALF_HOUR, model: 'erlang-a' })).toThrow(/^patienceSeconds /);
		expect(() => projectService(LOAD, 5, HALF_HOUR)).not.toThrow();
		expect(() => projectService(LOAD, -1, HALF_HOUR)).toThrow(RangeError);
	});

	it('meets the goal when the requirement is scheduled (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 400 }),
				fc.integer({ min: 30, max: 900 }),
				fc.double({ min: 0.5, max: 0.95, noNaN: true }),
				fc.double({ min: 0, max: 0.5, noNaN: true }),
				(calls, ahtSeconds, serviceLevel, shrinkage) => {
					const settings = { intervalSeconds: 900, targetSeconds: 20, shrinkage };
					const need = erlangC({ calls, ahtSeconds, ...settings }).requiredAgents({ serviceLevel, shrinkage });
					const p = projectService({ calls, ahtSeconds }, need.agents, settings);
					expect(p?.agents).toBeGreaterThanOrEqual(need.rawAgents);
					expect(p?.serviceLevel).toBeGreaterThanOrEqual(serviceLevel);
				}
			)
		);
	});
});

describe('projectWeek', () => {
	it('projects each interval against its own count', () => {
		const loads = [LOAD, { calls: 0, ahtSeconds: 200 }, LOAD, LOAD];
		const week = projectWeek(loads, [14, 3, 0, 15], HALF_HOUR);
		expect(week).toEqual([
			projectService(LOAD, 14, HALF_HOUR),
			null,
			projectService(LOAD, 0, HALF_HOUR),
			projectService(LOAD, 15, HALF_HOUR)
		]);
		expect(week[3]?.serviceLevel).toBeGreaterThan(week[0]?.serviceLevel ?? 1);
	});

	it('refuses counts that do not line up with the intervals', () => {
		expect(() => projectWeek([LOAD, LOAD], [14], HALF_HOUR)).toThrow(/^scheduled /);
	});
});
