// Monthly statements and the callers' ranking (20261209300100_agent_statements.sql):
// an agent's lines, a team's lines side by side, the site's ranking with its
// cut line, and the outbound teams a planner may pick. The SQL functions decide
// who may read what; these only ask. Rows are checked with zod: the generated
// types cannot say which columns the functions leave null.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

export const LINE_KINDS = ['reward', 'penalty', 'credit', 'flag'] as const;

const lineRow = z.object({
	line: z.number(),
	rule: z.string(),
	kind: z.enum(LINE_KINDS),
	amount: z.nullable(z.number()),
	quantity: z.nullable(z.number()),
	facts: z.record(z.string(), z.unknown())
});
export type StatementLine = z.infer<typeof lineRow>;
export type LineKind = StatementLine['kind'];

// An agent without lines comes as one row with the line's columns null.
const teamRow = z.object({
	agent_id: z.string(),
	display_name: z.string(),
	employee_no: z.string(),
	line: z.nullable(z.number()),
	rule: z.nullable(z.string()),
	kind: z.nullable(z.enum(LINE_KINDS)),
	amount: z.nullable(z.number()),
	quantity: z.nullable(z.number()),
	facts: z.nullable(z.record(z.string(), z.unknown()))
});

export interface TeamStatementRow {
	agent_id: string;
	display_name: string;
	employee_no: string;
	/** Null for an agent with no line this month. */
	line: StatementLine | null;
}

const rankRow = z.object({
	rank: z.number(),
	agent_id: z.string(),
	display_name: z.string(),
	employee_no: z.string(),
	team_id: z.string(),
	team_name: z.string(),
	visits: z.number(),
	deals: z.number(),
	cut_after_rank: z.nullable(z.number()),
	below_cut: z.boolean()
});
export type RankedCaller = z.infer<typeof rankRow>;

export interface OutboundTeam {
	id: string;
	name: string;
}

/** An agent's statement for a month (month: yyyy-mm). */
export async function fetchAgentStatement(
	client: AppSupabaseClient,
	agentId: string,
	month: string
): Promise<StatementLine[]> {
	const { data, error } = await client.rpc('agent_statement', { agent_id: agentId, month: `${month}-01` });
	if (error) throw error;
	return z.array(lineRow).parse(data);
}

/** Every line of a team's active agents for a month, by employee number then line. */
export async function fetchTeamStatements(
	client: AppSupabaseClient,
	teamId: string,
	month: string
): Promise<TeamStatementRow[]> {
	const { data, error } = await client.rpc('team_statements', { team_id: teamId, month: `${month}-01` });
	if (error) throw error;
	return z
		.array(teamRow)
		.parse(data)
		.map((row) => ({
			agent_id: row.agent_id,
			display_name: row.display_name,
			employee_no: row.employee_no,
			line:
				row.line !== null && row.rule !== null && row.kind !== null
					? {
							line: row.line,
							rule: row.rule,
							kind: row.kind,
							amount: row.amount,
							quantity: row.quantity,
							facts: row.facts ?? {}
						}
					: null
		}));
}

/** The site's callers ranked for a month, best first. */
export async function fetchRanking(client: AppSupabaseClient, siteId: string, month: string): Promise<RankedCaller[]> {
	const { data, error } = await client.rpc('outbound_ranking', { site_id: siteId, month: `${month}-01` });
	if (error) throw error;
	return z.array(rankRow).parse(data);
}

/** The site's outbound teams the user can see (RLS), by name. */
export async function fetchOutboundTeams(client: AppSupabaseClient, siteId: string): Promise<OutboundTeam[]> {
	const { data, error } = await client
		.from('teams')
		.select('id, name')
		.eq('site_id', siteId)
		.eq('kind', 'outbound')
		.order('name');
	if (error) throw error;
	return data;
}
