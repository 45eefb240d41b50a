// The incentive rules in words for the rule editor: each rule's and each
// parameter's name, a version's numbers, and the table's refusals (CB104,
// CB120, a version dated back: CB121, a second version on one day) in the
// user's language.
import { errorDetail } from '$lib/errors';
import type { RuleParams } from '$lib/data/incentive-rules';
import { m } from '$lib/paraglide/messages';

const RULE: Record<string, () => string> = {
	connected_calls: m.stmt_rule_connected_calls_name,
	weekly_invitations: m.stmt_rule_weekly_invitations_name,
	visit_leave_credit: m.stmt_rule_visit_leave_credit,
	deal_bonus: m.stmt_rule_deal_bonus_name,
	lead_recall: m.stmt_rule_lead_recall_name,
	monthly_target: m.stmt_rule_monthly_target,
	csat: m.stmt_rule_csat_name,
	team_fund: m.stmt_rule_team_fund,
	quarterly_top: m.stmt_rule_quarterly_top,
	monthly_ranking: m.stmt_ranking_title
};

const PARAM: Record<string, () => string> = {
	daily_target: m.stmt_param_daily_target,
	yuan_per_missing: m.stmt_param_yuan_per_missing,
	weekly_target: m.stmt_param_weekly_target,
	visits: m.stmt_param_visits,
	minutes: m.stmt_param_minutes,
	high_rise: m.stmt_param_high_rise,
	villa: m.stmt_param_villa,
	days: m.stmt_param_days,
	target_visits: m.stmt_param_target_visits,
	base_bonus: m.stmt_param_base_bonus,
	excess_above_pct: m.stmt_param_excess_above_pct,
	excess_share_pct: m.stmt_param_excess_share_pct,
	award_min: m.stmt_param_award_min,
	award_yuan: m.stmt_param_award_yuan,
	training_below: m.stmt_param_training_below,
	training_months: m.stmt_param_training_months,
	withheld_pct: m.stmt_param_withheld_pct,
	months: m.stmt_param_months,
	fund_yuan: m.stmt_param_fund_yuan,
	tiers: m.stmt_param_tiers,
	cut_after_rank: m.stmt_param_cut_after_rank
};

/** The rule editor's order: the statement's, then the rest by name. */
const ORDER = Object.keys(RULE);
export const byRuleOrder = (a: string, b: string): number => {
	const at = (rule: string) => (ORDER.includes(rule) ? ORDER.indexOf(rule) : ORDER.length);
	return at(a) - at(b) || a.localeCompare(b);
};

export const ruleName = (rule: string): string => RULE[rule]?.() ?? rule;
export const paramName = (key: string): string => PARAM[key]?.() ?? key;

/** A version's numbers, e.g. "每日接通目标 100 · 每少 1 通罚款（元）1". */
export function paramsText(params: RuleParams): string {
	return Object.entries(params)
		.map(([key, value]) => `${paramName(key)} ${Array.isArray(value) ? value.join(' / ') : String(value)}`)
		.join(' · ');
}

const KIND: Record<string, () => string> = {
	'a whole number': m.stmt_bad_whole,
	'an amount': m.stmt_bad_amount,
	'a number': m.stmt_bad_number,
	'a percentage': m.stmt_bad_percentage,
	'a score': m.stmt_bad_score
};

function field(err: unknown, name: 'code' | 'message'): string {
	if (typeof err !== 'object' || err === null || !(name in err)) return '';
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : '';
}

/** Why a new version was refused, in words a manager can act on. */
export function ruleProblemText(err: unknown): string {
	const code = field(err, 'code');
	const message = field(err, 'message');
	if (code === '23505') return m.stmt_bad_same_day();
	if (code === 'CB121') {
		const today = /starts on (\d{4}-\d{2}-\d{2}) or later/.exec(message)?.[1];
		if (today) return m.stmt_bad_past({ today });
	}
	if (code === 'CB104' || code === 'CB120') {
		const range =
			/^rule \w+: (\w+) must be (a whole number|an amount|a number|a percentage|a score) from (\S+) to (\S+)$/.exec(
				message
			);
		if (range) {
			const [, key = '', kind = '', low = '', high = ''] = range;
			return m.stmt_bad_range({ param: paramName(key), kind: KIND[kind]?.() ?? kind, low, high });
		}
		if (/training_below must not be above award_min/.test(message)) return m.stmt_bad_training_above_award();
		if (/tiers must be a list/.test(message)) return m.stmt_bad_tiers();
	}
	return errorDetail(err);
}
