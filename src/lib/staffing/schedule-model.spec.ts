import { describe, expect, it } from 'vitest';
import { assignmentEdits, clockMinutes, scheduleTemplate } from './auto-schedule-input.ts';
import { need, RULES, template, WEEK } from './auto-schedule-test-weeks.ts';
import { templateCoverage, templateSpan } from './schedule-model-coverage.ts';
import { scorePlan } from './schedule-model-evaluate.ts';
import { prepareWeek } from './schedule-model-prepare.ts';
import type { ScheduleInput } from './schedule-model-types.ts';

describe('templateCoverage', () => {
	it('counts the quarter-hours on duty, less breaks, across midnight into the next day', () => {
		const night = { startMinute: 22 * 60, endMinute: 6 * 60 + 30, breaks: [{ startMinute: 240, minutes: 30 }] };
		expect(templateSpan(night)).toBe(510);
		const shares = templateCoverage(night);
		expect(shares).toHaveLength(192);
		expect(shares[87]).toBe(0); // 21:45
		expect(shares[88]).toBe(1); // 22:00
		expect(shares[96 + 8]).toBe(0); // 02:00 next day, the break
		expect(shares[96 + 9]).toBe(0);
		expect(shares[96 + 10]).toBe(1);
		expect(shares[96 + 25]).toBe(1); // 06:15
		expect(shares[96 + 26]).toBe(0); // 06:30
		expect([...shares].reduce((s, x) => s + x, 0)).toBe(32);
	});

	it('counts part of an interval when a shift or break starts inside it', () => {
		const shares = templateCoverage({
			startMinute: 9 * 60 + 5,
			endMinute: 10 * 60,
			breaks: [{ startMinute: 10, minutes: 5 }]
		});
		// 09:00–09:15: on duty from 09:05; 09:15–09:30: the break takes 09:15–09:20.
		expect(shares[36]).toBeCloseTo(10 / 15, 12);
		expect(shares[37]).toBeCloseTo(10 / 15, 12);
		expect(shares[38]).toBe(1);
	});
});

describe('prepareWeek', () => {
	const input: ScheduleInput = {
		days: WEEK,
		agents: [
			{ id: 'a', skills: ['q'], leave: [WEEK[2] ?? ''], locked: [{ date: WEEK[4] ?? '', templateId: 'late' }] },
			{ id: 'b', skills: ['other'] }
		],
		templates: [template('early', 420, 900), template('late', 840, 1320), template('long', 480, 1140)],
		requirements: [{ queueId: 'q', agents: need([0], 0, 60) }],
		rules: { ...RULES, maxDayPaidMinutes: 600 }
	};

	it('leaves each agent the templates their skills, leave, the daily limit and their locks allow', () => {
		const week = prepareWeek(input);
		const [a, b] = week.agents;
		expect(a?.allowed[0]).toEqual([0, 1]); // the 11-hour shift pays more than 600 minutes a day
		expect(a?.allowed[2]).toEqual([]); // leave
		expect(a?.allowed[4]).toEqual([1]); // locked late
		expect(a?.allowed[5]).toEqual([1]); // the early shift would start 9 h after the locked late one
		expect(b?.allowed.every((ts) => ts.length === 0)).toBe(true);
		expect(week.groupCount).toBe(2);
		expect(week.conflicts[0]?.[1]).toEqual([0, 2]); // 9 h and 10 h after a late shift
		expect(week.templates.map((t) => t.late)).toEqual([false, true, false]);
	});
});

describe('scorePlan', () => {
	it('adds the weighted terms: under- and over-coverage, late and weekend spread above the mean', () => {
		const input: ScheduleInput = {
			days: WEEK,
			agents: [
				{ id: 'a', skills: ['q'] },
				{ id: 'b', skills: ['q'] }
			],
			templates: [template('early', 420, 900), template('late', 840, 1320)],
			requirements: [{ queueId: 'q', agents: need([0, 5], 420, 900, 2) }],
			rules: RULES
		};
		const week = prepareWeek(input);
		// a: Monday early, Saturday late; b: Saturday early.
		const score = scorePlan(week, [
			[0, null, null, null, null, 1, null],
			[null, null, null, null, null, 0, null]
		]);
		// Monday: one of two for 32 intervals; Saturday: one early and a late overlapping 14:00–15:00.
		expect(score.underCoverage).toEqual({ agentIntervals: 32 + 28, agentHours: 15 });
		expect(score.overCoverage.agentIntervals).toBe(28);
		expect(score.late).toEqual({ max: 1, mean: 0.5 });
		expect(score.weekend).toEqual({ max: 1, mean: 1 });
		expect(score.objective).toBe(100 * 60 + 28 + 20 * 0.5);
	});
});

describe('auto-schedule input from rows', () => {
	it('reads clock times and refuses others', () => {
		expect(clockMinutes('08:30:00')).toBe(510);
		expect(clockMinutes('22:00')).toBe(1320);
		expect(() => clockMinutes('24:00')).toThrow(RangeError);
		expect(() => clockMinutes('8:30')).toThrow(RangeError);
	});

	it('turns a template row into the solver template, breaks paid or not off the phones', () => {
		const row = {
			id: 't',
			name: '早班 Early',
			starts_at: '08:00:00',
			ends_at: '16:30:00',
			paid_min: 480,
			breaks: [
				{ start_min: 120, minutes: 15, paid: true },
				{ start_min: 240, minutes: 30, paid: false }
			],
			queues: ['q']
		};
		expect(scheduleTemplate(row, [WEEK[0] ?? ''])).toEqual({
			id: 't',
			name: '早班 Early',
			startMinute: 480,
			endMinute: 990,
			paidMinutes: 480,
			breaks: [
				{ startMinute: 120, minutes: 15 },
				{ startMinute: 240, minutes: 30 }
			],
			queueIds: ['q'],
			validDates: [WEEK[0]]
		});
		expect(() => scheduleTemplate({ ...row, breaks: [{ start: 1 }] })).toThrow(/breaks/);
	});

	it('writes a week as set and clear edits', () => {
		expect(
			assignmentEdits([
				{ agentId: 'a', day: '2026-03-02', templateId: 't' },
				{ agentId: 'a', day: '2026-03-03', templateId: null }
			])
		).toEqual([
			{ op: 'set', agent_id: 'a', day: '2026-03-02', template_id: 't' },
			{ op: 'clear', agent_id: 'a', day: '2026-03-03' }
		]);
	});
});
