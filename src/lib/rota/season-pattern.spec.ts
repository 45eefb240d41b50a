import { describe, expect, it } from 'vitest';
import { seasonPattern, usualTemplates, type PatternInput } from './season-pattern';

const days = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'];
const templates = [
	{ id: 'day', starts_at: '09:00', paid_min: 480, seasons: [], queues: ['after-sales'] },
	{ id: 'early', starts_at: '08:00', paid_min: 480, seasons: [], queues: ['sales'] },
	{ id: 'winter', starts_at: '09:00', paid_min: 420, seasons: ['W'], queues: ['outbound'] },
	{ id: 'summer', starts_at: '09:00', paid_min: 450, seasons: ['S'], queues: ['outbound'] }
];
const input = (over: Partial<PatternInput>): PatternInput => ({
	days,
	seasons: days.map(() => 'W'),
	agents: [],
	templates,
	maxWeekPaidMin: 2400,
	minRestDays: 1,
	...over
});
const worked = (edits: ReturnType<typeof seasonPattern>['edits'], agent: string) =>
	edits
		.filter((e) => e.op === 'set' && e.agent_id === agent)
		.map((e) => (e.op === 'set' ? `${e.day}:${e.template_id}` : ''));

describe('seasonPattern', () => {
	it('gives an 8-hour agent five days within 40 h, staggered rest days', () => {
		const { edits } = seasonPattern(
			input({
				agents: [
					{ id: 'a', skills: new Set(['after-sales']), usual: null },
					{ id: 'b', skills: new Set(['after-sales']), usual: null }
				]
			})
		);
		expect(worked(edits, 'a')).toEqual(['d2:day', 'd3:day', 'd4:day', 'd5:day', 'd6:day']);
		expect(worked(edits, 'b')).toEqual(['d0:day', 'd3:day', 'd4:day', 'd5:day', 'd6:day']);
		expect(edits.filter((e) => e.op === 'clear')).toHaveLength(4);
	});
	it('follows the season day by day for seasonal templates', () => {
		const seasons = ['W', 'W', 'W', 'S', 'S', 'S', 'S'];
		const { edits } = seasonPattern(
			input({ seasons, agents: [{ id: 'o', skills: new Set(['outbound']), usual: null }], maxWeekPaidMin: 3000 })
		);
		expect(worked(edits, 'o')).toEqual(['d1:winter', 'd2:winter', 'd3:summer', 'd4:summer', 'd5:summer', 'd6:summer']);
	});
	it('keeps the usual shift when it fits, else falls back', () => {
		const { edits } = seasonPattern(
			input({ agents: [{ id: 'a', skills: new Set(['sales', 'after-sales']), usual: 'early' }] })
		);
		expect(worked(edits, 'a')[0]).toBe('d2:early');
		const other = seasonPattern(input({ agents: [{ id: 'a', skills: new Set(['after-sales']), usual: 'early' }] }));
		expect(worked(other.edits, 'a')[0]).toBe('d2:day');
	});
	it('reports the days nothing fits instead of guessing', () => {
		const { edits, unfilled } = seasonPattern(
			input({ seasons: ['W', null, 'W', 'W', 'W', 'W', 'W'], agents: [{ id: 'x', skills: new Set(), usual: null }] })
		);
		expect(worked(edits, 'x')).toEqual([]);
		expect(unfilled.map((u) => u.day)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
	});
	it('honours the policy’s rest days', () => {
		const { edits } = seasonPattern(
			input({
				agents: [{ id: 'a', skills: new Set(['after-sales']), usual: null }],
				maxWeekPaidMin: 10080,
				minRestDays: 2
			})
		);
		expect(worked(edits, 'a')).toHaveLength(5);
	});
});

it('keeps days of approved leave free', () => {
	const { edits } = seasonPattern(
		input({ agents: [{ id: 'a', skills: new Set(['after-sales']), usual: null, leave: new Set(['d3', 'd4']) }] })
	);
	expect(worked(edits, 'a')).toEqual(['d2:day', 'd5:day', 'd6:day']);
});

describe('usualTemplates', () => {
	it('picks the most worked template per agent', () => {
		const usual = usualTemplates([
			{ agent_id: 'a', template_id: 'x' },
			{ agent_id: 'a', template_id: 'y' },
			{ agent_id: 'a', template_id: 'y' },
			{ agent_id: null, template_id: 'z' },
			{ agent_id: 'b', template_id: null }
		]);
		expect([...usual]).toEqual([['a', 'y']]);
	});
});
