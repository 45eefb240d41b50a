import { beforeAll, describe, expect, it } from 'vitest';
import { autoSchedule, type AutoScheduleProgress, type AutoScheduleResult } from './auto-schedule.ts';
import { brokenRules, need, RULES, template, WEEK } from './auto-schedule-test-weeks.ts';
import { loadSolver, type Highs } from './highs.ts';
import { scorePlan } from './schedule-model-evaluate.ts';
import { prepareWeek } from './schedule-model-prepare.ts';
import type { WeekPlan } from './schedule-model.ts';
import type { ScheduleInput } from './schedule-model-types.ts';

let highs: Highs;
beforeAll(async () => {
	highs = await loadSolver();
});

const solve = (input: ScheduleInput) => autoSchedule(input, { highs, timeLimitSeconds: 20, relativeGap: 0 });
const shiftsOf = (result: AutoScheduleResult, agentId: string) =>
	result.assignments
		.filter((a) => a.agentId === agentId && a.templateId !== null)
		.map((a) => `${a.day} ${a.templateId}`);

const EARLY = template('early', 7 * 60, 15 * 60);
const LATE = template('late', 14 * 60, 22 * 60);

describe('autoSchedule on weeks with a known answer', () => {
	it('fills a requirement that can be met exactly, with no under- or over-coverage', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'] },
				{ id: 'b', skills: ['q'] }
			],
			templates: [EARLY, LATE],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2, 3, 4], 7 * 60, 15 * 60) }],
			rules: RULES
		};
		const result = await solve(input);
		expect(result.status).toBe('optimal');
		expect(result.objective).toBe(0);
		expect(result.gap).toBe(0);
		expect(result.underCoverage).toEqual({ agentIntervals: 0, agentHours: 0 });
		expect(result.overCoverage.agentIntervals).toBe(0);
		expect(result.assignments).toHaveLength(14);
		expect(
			result.assignments
				.filter((a) => a.templateId === 'early')
				.map((a) => a.day)
				.sort()
		).toEqual(WEEK.slice(0, 5));
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});

	it('measures what cannot be covered in agent-intervals and agent-hours', async () => {
		// Two agents, at most five days each: ten early shifts cannot meet 2 agents on all 7 days.
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'] },
				{ id: 'b', skills: ['q'] }
			],
			templates: [EARLY],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2, 3, 4, 5, 6], 7 * 60, 15 * 60, 2) }],
			rules: RULES,
			weights: { weekendSpread: 0 }
		};
		const result = await solve(input);
		expect(result.status).toBe('optimal');
		expect(result.underCoverage).toEqual({ agentIntervals: 4 * 32, agentHours: 32 });
		expect(result.objective).toBe(100 * 128);
	});

	it('gives no shift on leave and covers it with someone else', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'], leave: [WEEK[0] ?? '', WEEK[1] ?? ''] },
				{ id: 'b', skills: ['q'] }
			],
			templates: [EARLY],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2], 7 * 60, 15 * 60) }],
			rules: RULES
		};
		const result = await solve(input);
		expect(result.objective).toBe(0);
		expect(shiftsOf(result, 'b')).toEqual(expect.arrayContaining([`${WEEK[0]} early`, `${WEEK[1]} early`]));
		expect(shiftsOf(result, 'a').every((s) => s.startsWith(WEEK[2] ?? ''))).toBe(true);
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});

	it('keeps a locked shift and a locked rest day even when they cost coverage', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'], locked: [{ date: WEEK[6] ?? '', templateId: 'late' }] },
				{ id: 'b', skills: ['q'], locked: [{ date: WEEK[0] ?? '', templateId: null }] }
			],
			templates: [EARLY, LATE],
			requirements: [{ queueId: 'q', agents: need([0], 7 * 60, 15 * 60, 2) }],
			rules: RULES
		};
		const result = await solve(input);
		expect(shiftsOf(result, 'a')).toEqual([`${WEEK[0]} early`, `${WEEK[6]} late`]);
		expect(shiftsOf(result, 'b')).toEqual([]);
		// Monday short by one agent (32 intervals); Sunday's late shift is all over-coverage.
		expect(result.underCoverage.agentIntervals).toBe(32);
		expect(result.overCoverage.agentIntervals).toBe(32);
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});

	it('keeps 11 h from the last shift of the week before and to the first of the week after', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				// Ended Sunday 23:00: Monday 07:00 is only 8 h later.
				{ id: 'tired', skills: ['q'], previousShiftEnd: '2026-03-01T23:00' },
				// Starts next Monday 06:00: a Sunday shift until 22:00 leaves 8 h.
				{ id: 'early-riser', skills: ['q'], nextShiftStart: '2026-03-09T06:00' }
			],
			weights: { lateSpread: 0, weekendSpread: 0 },
			templates: [EARLY, LATE],
			requirements: [
				{ queueId: 'q', agents: need([0], 7 * 60, 15 * 60).map((n, k) => n + (need([6], 14 * 60, 22 * 60)[k] ?? 0)) }
			],
			rules: RULES
		};
		const result = await solve(input);
		expect(result.objective).toBe(0);
		expect(shiftsOf(result, 'tired')).toEqual([`${WEEK[6]} late`]);
		expect(shiftsOf(result, 'early-riser')).toEqual([`${WEEK[0]} early`]);
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});

	it('never puts an early shift right after a late one, and keeps rest days and weekly hours', async () => {
		// Late every day and early every day: each agent alternates at best; someone must rest between.
		const input: ScheduleInput = {
			days: WEEK,
			agents: ['a', 'b', 'c', 'd'].map((id) => ({ id, skills: ['q'] })),
			templates: [EARLY, LATE],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2, 3, 4, 5, 6], 7 * 60, 22 * 60).map((n) => n * 2) }],
			rules: { ...RULES, maxWeekPaidMinutes: 4 * 480 }
		};
		const result = await solve(input);
		expect(result.status).toBe('optimal');
		expect(brokenRules(input, result.assignments)).toEqual([]);
		for (const id of ['a', 'b', 'c', 'd']) expect(shiftsOf(result, id).length).toBeLessThanOrEqual(4);
		expect(result.assignments.filter((a) => a.templateId !== null)).toHaveLength(16);
	});

	it('gives a template only to agents with the skills of all its queues', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'sales-only', skills: ['sales'] },
				{ id: 'both', skills: ['sales', 'service'] }
			],
			templates: [template('blended', 9 * 60, 17 * 60, ['sales', 'service'])],
			requirements: [
				{ queueId: 'sales', agents: need([0, 1, 2, 3, 4, 5], 9 * 60, 17 * 60) },
				{ queueId: 'service', agents: need([0, 1, 2, 3, 4, 5], 9 * 60, 17 * 60) }
			],
			rules: RULES
		};
		const result = await solve(input);
		expect(shiftsOf(result, 'sales-only')).toEqual([]);
		expect(shiftsOf(result, 'both')).toHaveLength(5);
		// The sixth day is short on both queues: 32 intervals each.
		expect(result.underCoverage.agentIntervals).toBe(64);
	});

	it('uses a template only on the dates it is valid, and honours averaged-hours caps', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [{ id: 'a', skills: ['q'], paidMinuteCaps: [{ dates: WEEK.slice(0, 3), maxPaidMinutes: 480 }] }],
			templates: [{ ...EARLY, validDates: WEEK.slice(1) }],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2, 3], 7 * 60, 15 * 60) }],
			rules: { ...RULES, maxWeekPaidMinutes: null }
		};
		const result = await solve(input);
		// Monday is out of season; of Tuesday and Wednesday the cap allows one; Thursday is free.
		expect(shiftsOf(result, 'a')).toHaveLength(2);
		expect(shiftsOf(result, 'a')).toContain(`${WEEK[3]} early`);
		expect(result.underCoverage.agentIntervals).toBe(2 * 32);
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});

	it('spreads late and weekend shifts, and grants a wish where coverage does not care', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'], preferences: [{ date: WEEK[5] ?? '', templateId: null, weight: 3 }] },
				{ id: 'b', skills: ['q'] },
				{ id: 'c', skills: ['q'] }
			],
			templates: [EARLY, LATE],
			requirements: [{ queueId: 'q', agents: need([0, 1, 2, 5, 6], 14 * 60, 22 * 60) }],
			rules: RULES
		};
		const result = await solve(input);
		expect(result.objective).toBeCloseTo(20 * (2 - 5 / 3) + 20 * (1 - 2 / 3), 9);
		for (const id of ['a', 'b', 'c']) expect(shiftsOf(result, id).length).toBeLessThanOrEqual(2);
		expect(shiftsOf(result, 'a')).not.toContain(`${WEEK[5]} late`);
		expect(result.score?.preferencePenalty).toBe(0);
	});

	// Timing-based: the relaxation of this week alone takes about 0.25 s here, over ten times the
	// half of the limit it is given.
	it('reports progress and stops at the time limit with the best week found', async () => {
		const agents = Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, skills: ['q'] }));
		const wave = need([0, 1, 2, 3, 4, 5, 6], 7 * 60, 22 * 60).map((n, k) => n * (30 + 25 * Math.sin(k / 7)));
		const input: ScheduleInput = {
			days: WEEK,
			agents,
			templates: [EARLY, LATE, template('day', 9 * 60, 17 * 60), template('mid', 11 * 60, 19 * 60)],
			requirements: [{ queueId: 'q', agents: wave }],
			rules: RULES
		};
		const progress: AutoScheduleProgress[] = [];
		const result = await autoSchedule(input, {
			highs,
			timeLimitSeconds: 0.04,
			relativeGap: 0,
			onProgress: (p) => progress.push(p)
		});
		expect(result.status).toBe('time-limit');
		expect(result.seconds).toBeLessThan(3);
		expect(result.assignments).toHaveLength(200 * 7);
		expect(progress.length).toBeGreaterThan(0);
		expect(result.gap === null || result.gap > 0).toBe(true);
	});

	it('refuses bad input with a RangeError naming the field', async () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [{ id: 'a', skills: ['q'] }],
			templates: [EARLY],
			requirements: [{ queueId: 'q', agents: need([0], 0, 60) }],
			rules: RULES
		};
		await expect(solve({ ...input, days: WEEK.slice(1) })).rejects.toThrow(/^days/);
		await expect(solve({ ...input, requirements: [{ queueId: 'q', agents: [1] }] })).rejects.toThrow(
			/requirements: queue q/
		);
		await expect(solve({ ...input, templates: [{ ...EARLY, startMinute: 1440 }] })).rejects.toThrow(/startMinute/);
		await expect(solve({ ...input, agents: [{ id: 'a', skills: [], leave: ['2026-04-01'] }] })).rejects.toThrow(
			/leave/
		);
		await expect(
			solve({ ...input, agents: [{ id: 'a', skills: [], locked: [{ date: WEEK[0] ?? '', templateId: 'x' }] }] })
		).rejects.toThrow(/locked template x/);
		await expect(solve({ ...input, rules: { ...RULES, minRestDaysPerWeek: 8 } })).rejects.toThrow(/minRestDaysPerWeek/);
		await expect(solve({ ...input, weights: { underCoverage: -1 } })).rejects.toThrow(/weights.underCoverage/);
		await expect(autoSchedule(input, { highs, timeLimitSeconds: 0 })).rejects.toThrow(/timeLimitSeconds/);
	});
});

describe('autoSchedule against every schedule the rules allow', () => {
	// Two agents, early and late (a late shift is 9 h before the next early: too close), four open
	// days (the weekend locked to rest), at most three working days each: 3^8 plans to try.
	const input: ScheduleInput = {
		days: WEEK,
		agents: ['a', 'b'].map((id) => ({
			id,
			skills: ['q'],
			locked: WEEK.slice(4).map((date) => ({ date, templateId: null }))
		})),
		templates: [EARLY, LATE],
		requirements: [
			{
				queueId: 'q',
				agents: need([0, 2], 7 * 60, 15 * 60, 2).map(
					(n, k) => n + (need([1, 3], 14 * 60, 22 * 60)[k] ?? 0) + (need([1, 2], 12 * 60, 13 * 60, 2)[k] ?? 0)
				)
			}
		],
		rules: { ...RULES, minRestDaysPerWeek: 4 }
	};

	it('finds the least objective of all of them, and its bound does not exceed it', async () => {
		const week = prepareWeek(input);
		let best = Infinity;
		for (let code = 0; code < 3 ** 8; code++) {
			const plan: WeekPlan = [0, 1].map((agent) =>
				WEEK.map((_, d) => {
					if (d >= 4) return null;
					const choice = Math.floor(code / 3 ** (agent * 4 + d)) % 3;
					return choice === 0 ? null : choice - 1;
				})
			);
			const assignments = plan.flatMap((byDay, a) =>
				byDay.map((t, d) => ({
					agentId: ['a', 'b'][a] ?? '',
					day: WEEK[d] ?? '',
					templateId: t === null ? null : (['early', 'late'][t] ?? null)
				}))
			);
			if (brokenRules(input, assignments).length > 0) continue;
			best = Math.min(best, scorePlan(week, plan).objective);
		}
		const result = await solve(input);
		expect(result.status).toBe('optimal');
		expect(result.objective).toBeCloseTo(best, 9);
		expect(result.bound).toBeLessThanOrEqual(best + 1e-9);
		expect(brokenRules(input, result.assignments)).toEqual([]);
	});
});
