// A statement line in words, from the facts SQL gave it: what the rule is,
// the sum a payroll clerk can redo by hand, and one sentence per fact (a
// short day, a week, a deal, a month). Amounts are yuan.
import * as z from 'zod/mini';
import { formatDay } from '$lib/calendar-format';
import type { StatementLine } from '$lib/data/statements';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export interface ExplainedLine {
	title: string;
	/** The sum or the finding, in one sentence. */
	summary: string;
	/** One sentence per fact behind the line. */
	details: string[];
}

/** A number as the user's locale writes it (at most 2 decimals). */
export const num = (value: number): string =>
	new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(value);

export const yuan = (value: number): string => m.stmt_yuan({ amount: num(value) });

/** A net amount, below zero with the same minus sign as the penalties. */
export const netYuan = (value: number): string => (value < 0 ? `−${yuan(-value)}` : yuan(value));

const dayName = (day: string): string => formatDay(day, { month: 'long', day: 'numeric' });
const monthName = (first: string): string => formatDay(first, { year: 'numeric', month: 'long' });

const n = z.number();
const shortDay = z.object({ day: z.string(), connected: n, target: n, missing: n, yuan: n });
const connected = z.object({ days_counted: n, short_days: z.array(shortDay) });
const week = z.object({ week_start: z.string(), visits: n, target: n });
const weekly = z.object({ weeks: z.array(week) });
const credit = z.object({ block: n, visits: n, minutes: n, credited_on: z.string() });
const deals = z.object({
	product: z.enum(['high_rise', 'villa']),
	deals: z.array(z.object({ day: z.string(), yuan: n }))
});
const target = z.object({ visits: n, target: n, base_bonus: n, met: z.boolean() });
const excess = z.object({
	visits: n,
	target: n,
	excess_visits: n,
	base_bonus: n,
	excess_above_pct: n,
	excess_share_pct: n
});
const award = z.object({ csat_avg: n, award_min: n });
const csatMonth = z.object({ month: z.string(), csat_avg: n, ratings: n });
const training = z.object({ months: z.array(csatMonth), training_below: n });
const withheld = z.object({ rewards: n, withheld_pct: n });
const teamMonth = z.object({ month: z.string(), visits: n, target: n });
const fund = z.object({ fund_yuan: n, months: z.array(teamMonth) });
const top = z.object({ quarter_start: z.string(), rank: n, visits: n, deals: n });
const adjustment = z.object({ disputed_rule: z.string(), reason: z.string(), answered_on: z.string() });

const productName = (product: 'high_rise' | 'villa'): string =>
	product === 'villa' ? m.stmt_product_villa() : m.stmt_product_high_rise();

/** Quarter of a first-of-quarter date, e.g. 2026 Q3 / 2026 年第 3 季度. */
const quarterName = (first: string): string =>
	m.stmt_quarter({ year: first.slice(0, 4), quarter: String(Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1) });

// A statement rule by name alone, without a line's facts (a dispute names
// only the rule: "deal bonus", not which product).
const LINE_RULE: Record<string, () => string> = {
	connected_calls: m.stmt_rule_connected_calls,
	weekly_invitations: m.stmt_rule_weekly_invitations,
	visit_leave_credit: m.stmt_rule_visit_leave_credit,
	deal_bonus: m.stmt_rule_deal_bonus_name,
	monthly_target: m.stmt_rule_monthly_target,
	monthly_target_excess: m.stmt_rule_monthly_target_excess_name,
	csat_award: m.stmt_rule_csat_award,
	csat_training: m.stmt_rule_csat_training,
	csat_withheld: m.stmt_rule_csat_withheld,
	team_fund: m.stmt_rule_team_fund,
	quarterly_top: m.stmt_rule_quarterly_top
};
export const lineRuleName = (rule: string): string => LINE_RULE[rule]?.() ?? rule;

type Explainer = (line: StatementLine) => ExplainedLine | null;

const EXPLAIN: Record<string, Explainer> = {
	connected_calls: (line) => {
		const f = connected.safeParse(line.facts);
		if (!f.success) return null;
		const { days_counted: days, short_days: short } = f.data;
		return {
			title: m.stmt_rule_connected_calls(),
			summary:
				short.length === 0
					? m.stmt_connected_all_met({ days })
					: m.stmt_connected_sum({ days, short: short.length, amount: yuan(line.amount ?? 0) }),
			details: short.map((d) =>
				m.stmt_connected_day({
					day: dayName(d.day),
					connected: d.connected,
					missing: d.missing,
					rate: yuan(d.yuan),
					amount: yuan(d.missing * d.yuan)
				})
			)
		};
	},
	weekly_invitations: (line) => {
		const f = weekly.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_weekly_invitations(),
			summary: m.stmt_weekly_flag({ weeks: f.data.weeks.length }),
			details: f.data.weeks.map((w) =>
				m.stmt_weekly_week({ week: dayName(w.week_start), visits: w.visits, target: w.target })
			)
		};
	},
	visit_leave_credit: (line) => {
		const f = credit.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_visit_leave_credit(),
			summary: m.stmt_credit_sum({ visits: f.data.visits, minutes: f.data.minutes, day: dayName(f.data.credited_on) }),
			details: []
		};
	},
	deal_bonus: (line) => {
		const f = deals.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_deal_bonus({ product: productName(f.data.product) }),
			summary: m.stmt_deal_sum({ deals: f.data.deals.length, amount: yuan(line.amount ?? 0) }),
			details: f.data.deals.map((d) => m.stmt_deal_day({ day: dayName(d.day), amount: yuan(d.yuan) }))
		};
	},
	monthly_target: (line) => {
		const f = target.safeParse(line.facts);
		if (!f.success) return null;
		const { visits, target: goal, base_bonus: bonus, met } = f.data;
		return {
			title: m.stmt_rule_monthly_target(),
			summary: met
				? m.stmt_target_met({ visits, target: goal, amount: yuan(bonus) })
				: m.stmt_target_missed({ visits, target: goal }),
			details: []
		};
	},
	monthly_target_excess: (line) => {
		const f = excess.safeParse(line.facts);
		if (!f.success) return null;
		const x = f.data;
		return {
			title: m.stmt_rule_monthly_target_excess({ pct: num(x.excess_above_pct) }),
			summary: m.stmt_excess_sum({
				excess: x.excess_visits,
				bonus: yuan(x.base_bonus),
				share: num(x.excess_share_pct),
				amount: yuan(line.amount ?? 0)
			}),
			details: [m.stmt_excess_why({ visits: x.visits, target: x.target, pct: num(x.excess_above_pct) })]
		};
	},
	csat_award: (line) => {
		const f = award.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_csat_award(),
			summary: m.stmt_csat_award({
				avg: num(f.data.csat_avg),
				min: num(f.data.award_min),
				amount: yuan(line.amount ?? 0)
			}),
			details: []
		};
	},
	csat_training: (line) => {
		const f = training.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_csat_training(),
			summary: m.stmt_csat_training({ months: f.data.months.length, below: num(f.data.training_below) }),
			details: f.data.months.map((mo) =>
				m.stmt_csat_month({ month: monthName(mo.month), avg: num(mo.csat_avg), ratings: mo.ratings })
			)
		};
	},
	csat_withheld: (line) => {
		const f = withheld.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_csat_withheld(),
			summary: m.stmt_withheld_sum({
				rewards: yuan(f.data.rewards),
				pct: num(f.data.withheld_pct),
				amount: yuan(line.amount ?? 0)
			}),
			details: []
		};
	},
	team_fund: (line) => {
		const f = fund.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_team_fund(),
			summary: m.stmt_team_fund({ months: f.data.months.length, amount: yuan(f.data.fund_yuan) }),
			details: f.data.months.map((mo) =>
				m.stmt_team_month({ month: monthName(mo.month), visits: mo.visits, target: mo.target })
			)
		};
	},
	quarterly_top: (line) => {
		const f = top.safeParse(line.facts);
		if (!f.success) return null;
		return {
			title: m.stmt_rule_quarterly_top(),
			summary: m.stmt_quarterly_top({
				quarter: quarterName(f.data.quarter_start),
				rank: f.data.rank,
				visits: f.data.visits,
				deals: f.data.deals,
				amount: yuan(line.amount ?? 0)
			}),
			details: []
		};
	},
	adjustment: (line) => {
		const f = adjustment.safeParse(line.facts);
		if (!f.success) return null;
		const amount = yuan(line.amount ?? 0);
		return {
			title: m.stmt_rule_adjustment({ rule: lineRuleName(f.data.disputed_rule) }),
			summary:
				line.kind === 'penalty'
					? m.stmt_adjustment_down({ amount, answer: f.data.reason })
					: m.stmt_adjustment_up({ amount, answer: f.data.reason }),
			details: [m.stmt_adjustment_when({ day: dayName(f.data.answered_on) })]
		};
	}
};

/** The rule's name alone (table rows, headings). */
export function ruleTitle(line: Pick<StatementLine, 'rule' | 'facts'>): string {
	const explained = explainLine({ line: 0, kind: 'flag', amount: null, quantity: null, ...line });
	return explained.title;
}

/** A line in words; a rule this screen does not know yet shows its name and figures. */
export function explainLine(line: StatementLine): ExplainedLine {
	const explained = EXPLAIN[line.rule]?.(line);
	if (explained) return explained;
	return {
		title: line.rule,
		summary: line.amount !== null ? yuan(line.amount) : m.stmt_quantity({ quantity: num(line.quantity ?? 0) }),
		details: []
	};
}

export interface StatementTotals {
	rewards: number;
	penalties: number;
	/** Rewards less penalties. */
	net: number;
	flags: number;
	/** Paid leave credited, minutes. */
	creditMinutes: number;
}

/** Sums a statement's lines, to the fen. */
export function statementTotals(
	lines: readonly Pick<StatementLine, 'kind' | 'amount' | 'quantity'>[]
): StatementTotals {
	let rewardFen = 0;
	let penaltyFen = 0;
	let flags = 0;
	let creditMinutes = 0;
	for (const line of lines) {
		const fen = Math.round((line.amount ?? 0) * 100);
		if (line.kind === 'reward') rewardFen += fen;
		else if (line.kind === 'penalty') penaltyFen += fen;
		else if (line.kind === 'flag') flags += 1;
		else creditMinutes += line.quantity ?? 0;
	}
	return {
		rewards: rewardFen / 100,
		penalties: penaltyFen / 100,
		net: (rewardFen - penaltyFen) / 100,
		flags,
		creditMinutes
	};
}

/** The amount as the line shows it: + for rewards, − for penalties; flags and credits say what they are. */
export function lineAmountText(line: Pick<StatementLine, 'kind' | 'amount' | 'quantity'>): string {
	// Nothing earned or owed shows as a plain 0, not as +0 or −0.
	if (line.kind === 'reward') return line.amount ? `+${yuan(line.amount)}` : yuan(0);
	if (line.kind === 'penalty') return line.amount ? `−${yuan(line.amount)}` : yuan(0);
	if (line.kind === 'credit') return m.stmt_minutes({ minutes: num(line.quantity ?? 0) });
	return m.stmt_kind_flag();
}
