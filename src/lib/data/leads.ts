// Leads and their call log (issue 13, DOMAIN.md "Outbound teams"). Customer
// name and phone come back only where RLS lets the user read the lead (the
// owning caller, their team lead, managers); the functions of
// 20261209100000_outbound_calls.sql and 20261209500000_lead_phone_owners.sql
// do the writing and the checks.
import type { Tables } from '$lib/database.types';
import type { LeadGrade, ProductKind } from '$lib/outbound/follow-up';
import type { LeadRow } from '$lib/outbound/lead-file';
import type { AppSupabaseClient } from '$lib/supabase';

const LEAD_COLUMNS =
	'id, site_id, owner_agent_id, customer_name, phone, source, grade, product, graded_at, notes, follow_up_count, last_called_at, next_follow_up_on, duplicate_of, list_name, created_at';

export type Lead = Pick<
	Tables<'leads'>,
	| 'id'
	| 'site_id'
	| 'owner_agent_id'
	| 'customer_name'
	| 'phone'
	| 'source'
	| 'grade'
	| 'product'
	| 'graded_at'
	| 'notes'
	| 'follow_up_count'
	| 'last_called_at'
	| 'next_follow_up_on'
	| 'duplicate_of'
	| 'list_name'
	| 'created_at'
>;

export type LeadCall = Pick<
	Tables<'lead_calls'>,
	'id' | 'lead_id' | 'called_at' | 'connected' | 'grade' | 'product' | 'notes' | 'next_follow_up_on'
>;

/** A caller's list is handed out by the hundred; more than this is never worked in one sitting. */
export const MY_LEADS_LIMIT = 2000;

/** The leads a caller owns (the list is ordered on the screen: lib/outbound/lead-order). */
export async function fetchMyLeads(client: AppSupabaseClient, agentId: string): Promise<Lead[]> {
	const { data, error } = await client
		.from('leads')
		.select(LEAD_COLUMNS)
		.eq('owner_agent_id', agentId)
		.order('created_at')
		.limit(MY_LEADS_LIMIT);
	if (error) throw error;
	return data;
}

/** The readable leads among `ids` (RLS leaves out the ones the user may not see). */
export async function fetchLeadsByIds(client: AppSupabaseClient, ids: readonly string[]): Promise<Lead[]> {
	if (ids.length === 0) return [];
	const { data, error } = await client
		.from('leads')
		.select(LEAD_COLUMNS)
		.in('id', [...ids]);
	if (error) throw error;
	return data;
}

/** One lead's calls, newest first. */
export async function fetchLeadCalls(client: AppSupabaseClient, leadId: string): Promise<LeadCall[]> {
	const { data, error } = await client
		.from('lead_calls')
		.select('id, lead_id, called_at, connected, grade, product, notes, next_follow_up_on')
		.eq('lead_id', leadId)
		.order('called_at', { ascending: false })
		.limit(200);
	if (error) throw error;
	return data;
}

export type RecallLead = Awaited<ReturnType<typeof fetchRecallList>>[number];

/** A–C leads due for their monthly re-call (only those the user may read). */
export async function fetchRecallList(client: AppSupabaseClient, siteId: string) {
	const { data, error } = await client.rpc('lead_recall_list', { site_id: siteId });
	if (error) throw error;
	return data;
}

export interface CallEntry {
	leadId: string;
	connected: boolean;
	grade: LeadGrade | null;
	product: ProductKind | null;
	notes: string;
	nextFollowUpOn: string | null;
}

export async function logLeadCall(client: AppSupabaseClient, entry: CallEntry): Promise<void> {
	const { error } = await client.rpc('log_lead_call', {
		lead_id: entry.leadId,
		connected: entry.connected,
		// Left out, not null: the function's defaults are null.
		grade: entry.connected ? (entry.grade ?? undefined) : undefined,
		product: entry.product ?? undefined,
		notes: entry.notes.trim() === '' ? undefined : entry.notes,
		next_follow_up_on: entry.nextFollowUpOn ?? undefined
	});
	if (error) throw error;
}

/** Which of `phones` the site already has as leads, with the owning caller's name (team leads and managers). */
export async function fetchPhoneOwners(client: AppSupabaseClient, siteId: string, phones: readonly string[]) {
	if (phones.length === 0) return [];
	const { data, error } = await client.rpc('lead_phone_owners', { site_id: siteId, phones: [...phones] });
	if (error) throw error;
	return data;
}

export type ImportStatus = 'added' | 'duplicate_added' | 'duplicate_skipped';
export interface ImportedLine {
	/** 1-based index into the rows sent. */
	line: number;
	status: ImportStatus;
	duplicateOwner: string | null;
}

/** Rows per request: import_leads takes up to 5000; 1000 keeps a request small and quick. */
export const IMPORT_CHUNK = 1000;

/** Hands `rows` to a caller as a call list, in chunks; the answer's lines count across the chunks. */
export async function importLeads(
	client: AppSupabaseClient,
	ownerAgentId: string,
	rows: readonly LeadRow[],
	options: { skipDuplicates: boolean; listName: string }
): Promise<ImportedLine[]> {
	const out: ImportedLine[] = [];
	for (let at = 0; at < rows.length; at += IMPORT_CHUNK) {
		const { data, error } = await client.rpc('import_leads', {
			owner_agent_id: ownerAgentId,
			rows: rows.slice(at, at + IMPORT_CHUNK),
			skip_duplicates: options.skipDuplicates,
			list_name: options.listName.trim() === '' ? undefined : options.listName.trim()
		});
		if (error) throw error;
		for (const r of data) {
			out.push({ line: at + r.line, status: r.status as ImportStatus, duplicateOwner: r.duplicate_owner ?? null });
		}
	}
	return out;
}
