// The outbound teams' daily forms and ledger (20261209600000_outbound_ledger.sql):
// the call-effect sheet of one caller and day (figures + per-customer lines),
// the team's daily ledger, the week across the center and the invitation
// register. The database decides who reads what: customer fields come back
// only to the caller, their team lead and managers (null or no lines for
// anyone else).
import type { Database, Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

type Fn<Name extends keyof Database['public']['Functions']> = Database['public']['Functions'][Name]['Returns'];
type Row<T> = T extends readonly (infer R)[] ? R : never;

/** The figures every form and roll-up shows, in the paper forms' order. */
export const FIGURE_KEYS = [
	'dialed',
	'connected',
	'grade_a',
	'grade_b',
	'grade_c',
	'grade_d',
	'product_high_rise',
	'product_villa',
	'product_other',
	'visits',
	'deals_high_rise',
	'deals_villa'
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

export type SheetFigures = Row<Fn<'call_effect_sheet'>>;
/** A customer called that day; grade null when never reached. */
export type SheetLine = Omit<Row<Fn<'call_effect_lines'>>, 'grade' | 'product' | 'product_demand' | 'notes'> & {
	grade: Tables<'leads'>['grade'];
	product: Tables<'leads'>['product'];
	product_demand: string | null;
	notes: string | null;
};
/** A caller's row of the ledger; the team's total has no agent. */
export type LedgerRow = Omit<Row<Fn<'outbound_ledger'>>, 'agent_id' | 'employee_no' | 'agent_name'> & {
	agent_id: string | null;
	employee_no: string | null;
	agent_name: string | null;
};
/** A team's day, a team's week (day null), the center's (team_id null). */
export type WeekRow = Omit<Row<Fn<'outbound_week_summary'>>, 'team_id' | 'team_name' | 'day'> & {
	team_id: string | null;
	team_name: string | null;
	day: string | null;
};
/** A register entry; customer fields null for readers who may not read the lead. */
export type RegisterRow = Omit<
	Row<Fn<'invitation_register'>>,
	| 'customer_name'
	| 'phone'
	| 'source'
	| 'product'
	| 'product_demand'
	| 'notes'
	| 'visited_at'
	| 'confirmed_by_name'
	| 'confirmed_at'
	| 'deal_product'
	| 'deal_at'
> & {
	customer_name: string | null;
	phone: string | null;
	source: Tables<'leads'>['source'] | null;
	product: Tables<'leads'>['product'];
	product_demand: string | null;
	notes: string | null;
	visited_at: string | null;
	confirmed_by_name: string | null;
	confirmed_at: string | null;
	deal_product: Tables<'leads'>['product'];
	deal_at: string | null;
};

export interface OutboundTeam {
	id: string;
	name: string;
}

export interface CallEffectSheet {
	figures: SheetFigures;
	/** Empty for readers who may not read the caller's leads. */
	lines: SheetLine[];
}

/** The outbound teams of a site, by name. */
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

/** One caller's sheet of a day (yyyy-mm-dd). */
export async function fetchCallEffectSheet(
	client: AppSupabaseClient,
	agentId: string,
	day: string
): Promise<CallEffectSheet> {
	const [figures, lines] = await Promise.all([
		client.rpc('call_effect_sheet', { agent_id: agentId, day }),
		client.rpc('call_effect_lines', { agent_id: agentId, day })
	]);
	if (figures.error) throw figures.error;
	if (lines.error) throw lines.error;
	const first = figures.data[0];
	if (!first) throw new Error('no such caller');
	return { figures: first, lines: lines.data };
}

/** The team's ledger of a day: its callers, then the total (agent_id null). */
export async function fetchLedger(client: AppSupabaseClient, teamId: string, day: string): Promise<LedgerRow[]> {
	const { data, error } = await client.rpc('outbound_ledger', { team_id: teamId, day });
	if (error) throw error;
	return data;
}

/** The (Monday-based) week of `day` across the site's outbound teams. */
export async function fetchWeekSummary(client: AppSupabaseClient, siteId: string, day: string): Promise<WeekRow[]> {
	const { data, error } = await client.rpc('outbound_week_summary', { site_id: siteId, week_start: day });
	if (error) throw error;
	return data;
}

/** The team's register for appointments from one day to another (inclusive). */
export async function fetchInvitationRegister(
	client: AppSupabaseClient,
	teamId: string,
	from: string,
	to: string
): Promise<RegisterRow[]> {
	const { data, error } = await client.rpc('invitation_register', { team_id: teamId, from_day: from, to_day: to });
	if (error) throw error;
	return data;
}
