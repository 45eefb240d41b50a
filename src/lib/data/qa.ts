// QA scoring and CSAT import (20261209200000_qa_and_csat.sql and
// 20261209200100_qa_scoring_and_csat_import.sql): the site's scorecard, the
// agents and their recent calls to score, recent evaluations, and the two
// writing RPCs. No customer data: a call is its time, queue, direction and
// talk time.
import * as z from 'zod/mini';
import type { Enums, Tables } from '$lib/database.types';
import type { CsatRow } from '$lib/qa/csat-file';
import type { AppSupabaseClient } from '$lib/supabase';

export type ScorecardItem = Pick<Tables<'qa_scorecard_items'>, 'id' | 'label' | 'weight' | 'max_points' | 'position'>;

export interface Scorecard {
	id: string;
	name: string;
	items: ScorecardItem[];
}

export interface QaAgent {
	id: string;
	name: string;
	employeeNo: string;
	/** The agent row of the signed-in user: their own calls are not theirs to score. */
	own: boolean;
}

export interface QaQueue {
	id: string;
	name: string;
	direction: Enums<'queue_direction'>;
}

export interface QaCall {
	queueId: string;
	callId: string;
	direction: Enums<'queue_direction'>;
	/** When the agent took it (answered, else offered). */
	at: string;
	talkS: number;
	/** The call's current QA total, if scored. */
	total: number | null;
}

export type Evaluation = Pick<
	Tables<'qa_evaluations'>,
	'id' | 'agent_id' | 'queue_id' | 'call_id' | 'call_at' | 'scored_by' | 'scored_at' | 'total' | 'comment'
>;

/** The site's active scorecard with its items in order, or null when it has none. */
export async function fetchActiveScorecard(client: AppSupabaseClient, siteId: string): Promise<Scorecard | null> {
	const { data: card, error } = await client
		.from('qa_scorecards')
		.select('id, name')
		.eq('site_id', siteId)
		.eq('active', true)
		.maybeSingle();
	if (error) throw error;
	if (!card) return null;
	const items = await client
		.from('qa_scorecard_items')
		.select('id, label, weight, max_points, position')
		.eq('scorecard_id', card.id)
		.order('position');
	if (items.error) throw items.error;
	return { ...card, items: items.data };
}

/** The site's active agents by employee number. */
export async function fetchQaAgents(client: AppSupabaseClient, siteId: string, userId: string): Promise<QaAgent[]> {
	const { data, error } = await client
		.from('agents')
		.select('id, display_name, employee_no, user_id')
		.eq('site_id', siteId)
		.eq('active', true)
		.order('employee_no');
	if (error) throw error;
	return data.map((a) => ({ id: a.id, name: a.display_name, employeeNo: a.employee_no, own: a.user_id === userId }));
}

export async function fetchQaQueues(client: AppSupabaseClient, siteId: string): Promise<QaQueue[]> {
	const { data, error } = await client.from('queues').select('id, name, direction').eq('site_id', siteId).order('name');
	if (error) throw error;
	return data;
}

/** An agent's latest answered calls, newest first, with their QA total where scored. */
export async function fetchRecentCalls(client: AppSupabaseClient, agentId: string, limit = 30): Promise<QaCall[]> {
	const { data, error } = await client
		.from('call_summaries')
		.select('queue_id, call_id, direction, answered_at, offered_at, talk_s')
		.eq('agent_id', agentId)
		.not('answered_at', 'is', null)
		.order('answered_at', { ascending: false })
		.limit(limit);
	if (error) throw error;
	if (data.length === 0) return [];
	const scored = await client
		.from('qa_evaluations')
		.select('queue_id, call_id, total')
		.eq('agent_id', agentId)
		.in(
			'call_id',
			data.map((c) => c.call_id)
		);
	if (scored.error) throw scored.error;
	const totals = new Map(scored.data.map((e) => [`${e.queue_id} ${e.call_id}`, e.total]));
	return data.map((c) => ({
		queueId: c.queue_id,
		callId: c.call_id,
		direction: c.direction,
		at: c.answered_at ?? c.offered_at ?? '',
		talkS: c.talk_s,
		total: totals.get(`${c.queue_id} ${c.call_id}`) ?? null
	}));
}

/** The site's latest evaluations the caller may read, newest first. */
export async function fetchRecentEvaluations(
	client: AppSupabaseClient,
	siteId: string,
	limit = 20
): Promise<Evaluation[]> {
	const { data, error } = await client
		.from('qa_evaluations')
		.select('id, agent_id, queue_id, call_id, call_at, scored_by, scored_at, total, comment')
		.eq('site_id', siteId)
		.order('scored_at', { ascending: false })
		.limit(limit);
	if (error) throw error;
	return data;
}

/** Scores a call; the database computes and returns the total. */
export async function scoreCall(
	client: AppSupabaseClient,
	call: { queueId: string; callId: string },
	scorecardId: string,
	points: { item_id: string; points: number }[],
	comment: string
): Promise<Evaluation> {
	const { data, error } = await client.rpc('score_call', {
		queue_id: call.queueId,
		call_id: call.callId,
		scorecard_id: scorecardId,
		items: points,
		comment
	});
	if (error) throw error;
	return data;
}

// The generated types say every column is a string; call_id and reason are
// null for some lines, so the answer is parsed rather than trusted.
const csatAnswer = z.array(
	z.object({
		line: z.number(),
		call_id: z.nullable(z.string()),
		status: z.enum(['imported', 'refused', 'not_imported']),
		reason: z.nullable(z.string())
	})
);

export type CsatStatus = 'imported' | 'refused' | 'not_imported';

export interface CsatLine {
	line: number;
	callId: string | null;
	status: CsatStatus;
	/** Why a line was refused (see the migration's header for the words). */
	reason: string | null;
}

/** Checks (dryRun) or stores survey results; the answer has every line's outcome. */
export async function importCsat(
	client: AppSupabaseClient,
	siteId: string,
	rows: readonly CsatRow[],
	options: { allOrNothing: boolean; dryRun: boolean }
): Promise<CsatLine[]> {
	const { data, error } = await client.rpc('import_csat', {
		site_id: siteId,
		rows: rows.map((r) => ({ ...r })),
		all_or_nothing: options.allOrNothing,
		dry_run: options.dryRun
	});
	if (error) throw error;
	const parsed = csatAnswer.safeParse(data);
	if (!parsed.success) throw new Error(`import_csat: unexpected answer (${parsed.error.message})`);
	return parsed.data.map((r) => ({ line: r.line, callId: r.call_id, status: r.status, reason: r.reason }));
}
