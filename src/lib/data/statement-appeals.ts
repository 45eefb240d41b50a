// Disputes of monthly statement lines (20261209700000_statement_appeals.sql):
// appeals of kind 'statement' in the attendance appeal flow — filed and
// withdrawn by the agent, answered by the site's supervisors, managers and
// admins, an accepted one with a signed adjustment the statement then shows.
// The functions and RLS decide; these ask, typed, and throw on error.
import * as z from 'zod/mini';
import type { Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';
import { LINE_KINDS, type StatementLine } from './statements';

/** A dispute is an appeal row (kind 'statement'). */
export type StatementAppeal = Tables<'attendance_appeals'>;

// The disputed line as it stood when filed (a JSON column).
const snapshot = z.object({
	line: z.number(),
	rule: z.string(),
	kind: z.enum(LINE_KINDS),
	amount: z.nullable(z.number()),
	quantity: z.nullable(z.number()),
	facts: z.record(z.string(), z.unknown())
});

/** The line a dispute names, as it stood when filed; null when the snapshot is not a line. */
export function disputedLine(appeal: Pick<StatementAppeal, 'statement_line'>): StatementLine | null {
	const parsed = snapshot.safeParse(appeal.statement_line);
	return parsed.success ? parsed.data : null;
}

/** The agent's disputes of a month's statement (month: yyyy-mm), oldest first; withdrawn ones too. */
export async function fetchStatementAppeals(
	client: AppSupabaseClient,
	agentId: string,
	month: string
): Promise<StatementAppeal[]> {
	const { data, error } = await client
		.from('attendance_appeals')
		.select('*')
		.eq('agent_id', agentId)
		.eq('kind', 'statement')
		.eq('statement_month', `${month}-01`)
		.order('filed_at');
	if (error) throw error;
	return data;
}

/** The last site date the month can be disputed on; null while the site calendar does not reach it. */
export async function fetchStatementAppealDeadline(
	client: AppSupabaseClient,
	agentId: string,
	month: string
): Promise<string | null> {
	const { data, error } = await client.rpc('statement_appeal_deadline', { agent_id: agentId, month: `${month}-01` });
	if (error) throw error;
	// Null while the calendar does not reach the date (the generated type cannot say so).
	return data;
}

/** Disputes a line of the agent's own statement; `rule` is the line's rule as the page showed it. */
export async function fileStatementAppeal(
	client: AppSupabaseClient,
	dispute: { agentId: string; month: string; line: number; rule: string; reason: string }
): Promise<void> {
	const { error } = await client.rpc('file_statement_appeal', {
		agent_id: dispute.agentId,
		month: `${dispute.month}-01`,
		line: dispute.line,
		rule: dispute.rule,
		reason: dispute.reason
	});
	if (error) throw error;
}

/** Accepts a dispute with a signed adjustment in yuan (+ adds to the pay, − takes away), or rejects it. */
export async function answerStatementAppeal(
	client: AppSupabaseClient,
	answer: { appealId: string; accept: boolean; text: string; adjustment: number | null }
): Promise<void> {
	const { error } = await client.rpc('answer_statement_appeal', {
		appeal_id: answer.appealId,
		accept: answer.accept,
		answer: answer.text,
		...(answer.accept && answer.adjustment !== null ? { adjustment: answer.adjustment } : {})
	});
	if (error) throw error;
}
