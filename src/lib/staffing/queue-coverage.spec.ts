import { describe, expect, it } from 'vitest';
import { queuesOf, scheduledByQueue, type StaffedShift } from './queue-coverage';

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'];
const context = {
	templateQueues: new Map([
		['both', ['sales', 'service']],
		['sales-only', ['sales']]
	]),
	agentSkills: new Map([
		['ann', new Set(['sales', 'service'])],
		['bo', new Set(['sales'])]
	])
};
const shift = (agent: string | null, template: string | null, day = DAYS[0]!, from = '09:00', to = '10:00') =>
	({ agent_id: agent, template_id: template, day, starts_at: from, ends_at: to, breaks: [] }) satisfies StaffedShift;

describe('queuesOf', () => {
	it('keeps the template queues the agent has a skill in', () => {
		expect(queuesOf(shift('ann', 'both'), context)).toEqual(['sales', 'service']);
		expect(queuesOf(shift('bo', 'both'), context)).toEqual(['sales']);
	});
	it('gives a custom shift every queue of the agent, and an open shift its template’s', () => {
		expect(queuesOf(shift('ann', null), context).sort()).toEqual(['sales', 'service']);
		expect(queuesOf(shift(null, 'both'), context)).toEqual(['sales', 'service']);
		expect(queuesOf(shift(null, null), context)).toEqual([]);
	});
});

describe('scheduledByQueue', () => {
	it('counts an agent in each queue their shift staffs, interval by interval', () => {
		const counts = scheduledByQueue(DAYS, [shift('ann', 'both'), shift('bo', 'both')], ['sales', 'service'], context);
		const nine = 9 * 4;
		expect(counts.get('sales')!.slice(nine - 1, nine + 5)).toEqual([0, 2, 2, 2, 2, 0]);
		expect(counts.get('service')!.slice(nine - 1, nine + 5)).toEqual([0, 1, 1, 1, 1, 0]);
		expect(counts.get('sales')).toHaveLength(672);
	});
	it('puts a night shift’s hours after midnight on the next day, and drops Sunday’s past the week', () => {
		const counts = scheduledByQueue(
			DAYS,
			[shift('bo', 'sales-only', DAYS[0], '23:00', '01:00'), shift('bo', 'sales-only', DAYS[6], '23:00', '01:00')],
			['sales'],
			context
		);
		const sales = counts.get('sales')!;
		expect(sales[23 * 4]).toBe(1);
		expect(sales[96]).toBe(1); // Tuesday 00:00
		expect(sales[96 + 4]).toBe(0);
		expect(sales[6 * 96 + 23 * 4 + 3]).toBe(1);
		expect(sales.reduce((a, b) => a + b, 0)).toBe(8 + 4);
	});
});
