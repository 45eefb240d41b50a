import { describe, expect, it } from 'vitest';
import type { StatementLine, TeamStatementRow } from '$lib/data/statements';
import { teamGrid } from './team-grid';

const row = (agent: string, line: StatementLine | null): TeamStatementRow => ({
	agent_id: agent,
	display_name: `Agent ${agent}`,
	employee_no: `E${agent}`,
	line
});
const l = (n: number, rule: string, kind: StatementLine['kind'], amount: number | null, facts = {}): StatementLine => ({
	line: n,
	rule,
	kind,
	amount,
	quantity: 1,
	facts
});

describe('teamGrid', () => {
	it('puts every agent in a column and every rule in a row, in the statement order', () => {
		const grid = teamGrid([
			row('1', l(1, 'monthly_target', 'reward', 800)),
			row('1', l(2, 'deal_bonus', 'reward', 200, { product: 'high_rise' })),
			row('2', l(1, 'connected_calls', 'penalty', 3)),
			row('2', l(2, 'deal_bonus', 'reward', 500, { product: 'villa' })),
			row('2', l(3, 'monthly_target', 'reward', 0)),
			row('3', null)
		]);
		expect(grid.agents.map((a) => a.id)).toEqual(['1', '2', '3']);
		expect(grid.rows.map((r) => r.key)).toEqual([
			'connected_calls',
			'deal_bonus:high_rise',
			'deal_bonus:villa',
			'monthly_target'
		]);
		expect(grid.rows[0]?.cells['2']).toEqual({ kind: 'penalty', amount: 3, quantity: 1 });
		expect(grid.rows[0]?.cells['1']).toBeUndefined();
		expect(grid.agents[1]?.totals.net).toBe(497);
		expect(grid.agents[2]?.lines).toEqual([]);
	});

	it('gives adjustments a row per disputed rule, after the rules, and counts them in the net', () => {
		const grid = teamGrid([
			row('1', l(1, 'monthly_target', 'reward', 0)),
			row('1', l(2, 'adjustment', 'reward', 37, { disputed_rule: 'monthly_target' })),
			row('1', l(3, 'adjustment', 'penalty', 50, { disputed_rule: 'deal_bonus' })),
			row('2', l(1, 'monthly_target', 'reward', 800)),
			row('2', l(2, 'adjustment', 'penalty', 20, { disputed_rule: 'monthly_target' }))
		]);
		expect(grid.rows.map((r) => r.key)).toEqual([
			'monthly_target',
			'adjustment:deal_bonus',
			'adjustment:monthly_target'
		]);
		expect(grid.rows[2]?.cells['1']).toEqual({ kind: 'reward', amount: 37, quantity: 1 });
		expect(grid.rows[2]?.cells['2']).toEqual({ kind: 'penalty', amount: 20, quantity: 1 });
		expect(grid.agents.map((a) => a.totals.net)).toEqual([-13, 780]);
	});
});
