// Statement disputes in the browser: which dispute stands on which line,
// what an accepted one changed, the supervisor's adjustment as typed
// ("+37", "-50", "−12.5") and the refusals of the dispute functions
// (20261209700000_statement_appeals.sql) in the user's language. Pure, so
// tested without a page.
import { withDetail } from '$lib/attendance/fix-words';
import type { StatementAppeal } from '$lib/data/statement-appeals';
import type { StatementLine } from '$lib/data/statements';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { yuan } from './statement-words';

/** What the agent's own statement page loads under (`depends`): the dispute forms reload it. */
export const MY_STATEMENT_DEPENDENCY = 'app:my-statement';

/** The most an adjustment may be either way (answer_statement_appeal). */
export const MAX_ADJUSTMENT = 100_000;

/** Lines an agent may dispute: all but the adjustments, which are answers to disputes. */
export const disputable = (line: Pick<StatementLine, 'rule'>): boolean => line.rule !== 'adjustment';

/**
 * The dispute standing on each rule of the statement (open, accepted or rejected; at most one, the
 * database sees to it), by rule. Withdrawn ones stand on nothing: the rule may be disputed again.
 */
export function standingDisputes(appeals: readonly StatementAppeal[]): Map<string, StatementAppeal> {
	const standing = new Map<string, StatementAppeal>();
	for (const appeal of appeals) {
		if (appeal.status !== 'withdrawn' && appeal.statement_rule) standing.set(appeal.statement_rule, appeal);
	}
	return standing;
}

/** The signed yuan an accepted dispute added (+) or took off (−), read from its adjustment line; null if none. */
export function adjustmentOf(lines: readonly StatementLine[], appealId: string): number | null {
	const line = lines.find((l) => l.rule === 'adjustment' && l.facts.appeal_id === appealId);
	if (!line || line.amount === null) return null;
	return line.kind === 'penalty' ? -line.amount : line.amount;
}

/** A signed amount as the statement writes it: "+37 元", "−50 元". */
export const signedYuan = (amount: number): string => (amount < 0 ? `−${yuan(-amount)}` : `+${yuan(amount)}`);

export type AdjustmentProblem = 'empty' | 'number' | 'zero' | 'range' | 'fen';
export type ParsedAdjustment = { ok: true; yuan: number } | { ok: false; problem: AdjustmentProblem };

/**
 * The adjustment a supervisor typed: yuan with an optional sign (ASCII, the minus sign, full-width),
 * up to two decimals, not 0, at most MAX_ADJUSTMENT either way — the rule answer_statement_appeal applies.
 */
export function parseAdjustment(text: string): ParsedAdjustment {
	const typed = text
		.trim()
		.replace(/^[＋]/, '+')
		.replace(/^[−－]/, '-')
		.replace(/．/g, '.')
		.replace(/\s+/g, '');
	if (typed === '') return { ok: false, problem: 'empty' };
	const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(typed);
	if (!match) return { ok: false, problem: 'number' };
	if ((match[3] ?? '').length > 2) return { ok: false, problem: 'fen' };
	const value = Number(typed);
	if (value === 0) return { ok: false, problem: 'zero' };
	if (Math.abs(value) > MAX_ADJUSTMENT) return { ok: false, problem: 'range' };
	return { ok: true, yuan: value };
}

const PROBLEM: Record<AdjustmentProblem, () => string> = {
	empty: m.stmt_dispute_adjustment_empty,
	number: m.stmt_dispute_adjustment_number,
	zero: m.stmt_dispute_adjustment_zero,
	range: m.stmt_dispute_adjustment_range,
	fen: m.stmt_dispute_adjustment_fen
};
export const adjustmentProblemText = (problem: AdjustmentProblem): string => PROBLEM[problem]();

/** A refusal of the dispute functions: what failed in the user's language, the database's rule after it. */
export function disputeErrorText(err: unknown): string {
	const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
	if (code === 'CB073') return withDetail(m.stmt_dispute_err_file(), err);
	if (code === 'CB074') return withDetail(m.stmt_dispute_err_answer(), err);
	return errorDetail(err);
}
