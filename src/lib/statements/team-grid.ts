// A team's statements side by side: one column per agent, one row per rule
// (deal bonuses per product, adjustments per disputed rule, last), the totals below. Pure, so the grid's sums
// are tested without a page.
import type { LineKind, StatementLine, TeamStatementRow } from '$lib/data/statements';
import { ruleTitle, statementTotals, type StatementTotals } from './statement-words';

export interface GridAgent {
	id: string;
	name: string;
	employeeNo: string;
	lines: StatementLine[];
	totals: StatementTotals;
}

export interface GridCell {
	kind: LineKind;
	/** Yuan, summed; null for flags and credits. */
	amount: number | null;
	/** Quantities summed (minutes for credits). */
	quantity: number;
}

export interface GridRow {
	key: string;
	title: string;
	cells: Record<string, GridCell | undefined>;
}

export interface TeamGrid {
	agents: GridAgent[];
	rows: GridRow[];
}

// The statement's order (20261209300100_agent_statements.sql); rules it does not know go last.
const ORDER = [
	'connected_calls',
	'weekly_invitations',
	'visit_leave_credit',
	'deal_bonus:high_rise',
	'deal_bonus:villa',
	'monthly_target',
	'monthly_target_excess',
	'csat_award',
	'csat_training',
	'csat_withheld',
	'team_fund',
	'quarterly_top'
];
const orderOf = (key: string): number => {
	const at = ORDER.indexOf(key);
	return at === -1 ? ORDER.length : at;
};

// Deal bonuses per product; adjustments per disputed rule (an agent has at
// most one per rule and month), so a row never sums a reward with a penalty.
const rowKey = (line: StatementLine): string => {
	if (line.rule === 'deal_bonus' && typeof line.facts.product === 'string') return `deal_bonus:${line.facts.product}`;
	if (line.rule === 'adjustment' && typeof line.facts.disputed_rule === 'string') {
		return `adjustment:${line.facts.disputed_rule}`;
	}
	return line.rule;
};

export function teamGrid(rows: readonly TeamStatementRow[]): TeamGrid {
	const agents = new Map<string, GridAgent>();
	const gridRows = new Map<string, GridRow>();
	for (const row of rows) {
		let agent = agents.get(row.agent_id);
		if (!agent) {
			agent = {
				id: row.agent_id,
				name: row.display_name,
				employeeNo: row.employee_no,
				lines: [],
				totals: statementTotals([])
			};
			agents.set(row.agent_id, agent);
		}
		const line = row.line;
		if (!line) continue;
		agent.lines.push(line);
		const key = rowKey(line);
		let gridRow = gridRows.get(key);
		if (!gridRow) {
			gridRow = { key, title: ruleTitle(line), cells: {} };
			gridRows.set(key, gridRow);
		}
		const cell = gridRow.cells[row.agent_id];
		gridRow.cells[row.agent_id] = {
			kind: line.kind,
			amount: line.amount === null ? (cell?.amount ?? null) : (cell?.amount ?? 0) + line.amount,
			quantity: (cell?.quantity ?? 0) + (line.quantity ?? 0)
		};
	}
	for (const agent of agents.values()) agent.totals = statementTotals(agent.lines);
	return {
		agents: [...agents.values()],
		rows: [...gridRows.values()].sort((a, b) => orderOf(a.key) - orderOf(b.key) || a.key.localeCompare(b.key))
	};
}
