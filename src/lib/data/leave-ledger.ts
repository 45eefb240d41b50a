// An agent's leave ledger and the staff's grants (migrations 20261207120000
// and 20261208300000). The database decides who reads and who grants; these
// are its RPCs, typed, throwing on error.
import { leaveTypeSchema, type LeaveType } from '$lib/data/attendance-requests';
import type { AppSupabaseClient } from '$lib/supabase';

/** What pages showing balances or the ledger load under (`depends`), reloaded after a grant. */
export const LEAVE_DEPENDENCY = 'app:leave-balances';

/** The leave types that keep a balance (app.leave_type_has_balance), in leave_balances' order. */
export const BALANCE_TYPES = ['annual', 'compensatory', 'visit_half_day'] as const satisfies readonly LeaveType[];
export type BalanceType = (typeof BALANCE_TYPES)[number];

export interface LedgerEntry {
	id: string;
	leave_type: LeaveType;
	/** Positive: granted or returned; negative: taken or taken back. */
	minutes: number;
	reason: string;
	/** The request that took or returned it; null for a grant by hand. */
	request_id: string | null;
	/** Null when the ledger does not say who. */
	made_by_name: string | null;
	made_at: string;
}

/** Newest first; nothing when the caller does not read the agent's attendance. */
export async function fetchLedger(client: AppSupabaseClient, agentId: string): Promise<LedgerEntry[]> {
	const { data, error } = await client.rpc('leave_ledger_history', { agent_id: agentId });
	if (error) throw error;
	// The generated types call every column non-null; request_id and made_by_name may be null.
	return data.map((row) => ({
		...row,
		leave_type: leaveTypeSchema.parse(row.leave_type),
		request_id: (row.request_id as string | null) ?? null,
		made_by_name: (row.made_by_name as string | null) ?? null
	}));
}

/** Grants `minutes` (negative: takes back) of a type with a balance, with a reason. */
export async function grantLeave(
	client: AppSupabaseClient,
	change: { agentId: string; leaveType: BalanceType; minutes: number; reason: string }
): Promise<void> {
	const { error } = await client.rpc('grant_leave_balance', {
		agent_id: change.agentId,
		leave_type: change.leaveType,
		minutes: change.minutes,
		reason: change.reason.trim()
	});
	if (error) throw error;
}
