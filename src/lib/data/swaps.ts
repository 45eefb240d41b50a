// Shift swaps (migration 20261205500000): an agent offers a future shift of
// the published week to a colleague, the colleague answers, the team's lead
// or a supervisor decides. Every rule (who may, skills, working time) is the
// database's; these are its RPCs, typed, throwing on error.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { Database, Enums } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

type Functions = Database['public']['Functions'];
// The generated types call every column a function returns non-null; these
// come from outer joins and are null for a hand-over or a shift without a template.
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
export type SwapStatus = Enums<'shift_swap_status'>;
export type SwapCandidate = Nullable<
	Functions['swap_candidates']['Returns'][number],
	'their_shift_id' | 'starts_at' | 'ends_at' | 'template_id' | 'template_name' | 'paid_min'
>;
type SwapRow = Nullable<
	Functions['list_shift_swaps']['Returns'][number],
	| 'note'
	| 'proposer_template'
	| 'colleague_day'
	| 'colleague_starts_at'
	| 'colleague_ends_at'
	| 'colleague_template'
	| 'approved_version'
>;

/** One step of a swap as list_shift_swaps gives it (a JSON column, so checked here). */
const stepSchema = z.object({
	status: z.enum(['proposed', 'accepted', 'approved', 'declined', 'rejected', 'cancelled', 'stale']),
	at: z.string(),
	by: z.string().nullable(),
	reason: z.string().nullable(),
	detail: z.string().nullable()
});
export type SwapStep = z.infer<typeof stepSchema>;
export type Swap = Omit<SwapRow, 'steps'> & { steps: SwapStep[] };

/** Swaps not decided yet: the colleague may still answer, or a planner decide. */
export const OPEN_SWAP: readonly SwapStatus[] = ['proposed', 'accepted'];

/** The colleagues who could take the shift (off that day) or exchange theirs of that day for it. */
export async function fetchSwapCandidates(client: AppSupabaseClient, shiftId: string): Promise<SwapCandidate[]> {
	const { data, error } = await client.rpc('swap_candidates', { shift_id: shiftId });
	if (error) throw error;
	return data;
}

export async function proposeSwap(
	client: AppSupabaseClient,
	proposal: { shiftId: string; colleagueAgentId: string; colleagueShiftId: string | null; note: string }
): Promise<void> {
	const { error } = await client.rpc('propose_shift_swap', {
		shift_id: proposal.shiftId,
		colleague_agent_id: proposal.colleagueAgentId,
		// Omitted, not null, for a hand-over: the function's default says so.
		...(proposal.colleagueShiftId ? { colleague_shift_id: proposal.colleagueShiftId } : {}),
		...(proposal.note.trim() ? { note: proposal.note.trim() } : {})
	});
	if (error) throw error;
}

export async function answerSwap(client: AppSupabaseClient, swapId: string, accept: boolean): Promise<void> {
	const { error } = await client.rpc('answer_shift_swap', { swap_id: swapId, accept });
	if (error) throw error;
}

export async function cancelSwap(client: AppSupabaseClient, swapId: string): Promise<void> {
	const { error } = await client.rpc('cancel_shift_swap', { swap_id: swapId });
	if (error) throw error;
}

export async function decideSwap(
	client: AppSupabaseClient,
	swapId: string,
	approve: boolean,
	reason: string
): Promise<void> {
	const { error } = await client.rpc('decide_shift_swap', {
		swap_id: swapId,
		approve,
		...(reason.trim() ? { reason: reason.trim() } : {})
	});
	if (error) throw error;
}

/** The swaps the signed-in user may read at a site (theirs, or their teams') for weeks from `fromWeek` on. */
export async function fetchSwaps(client: AppSupabaseClient, siteId: string, fromWeek: string): Promise<Swap[]> {
	const { data, error } = await client.rpc('list_shift_swaps', { site_id: siteId, from_week: fromWeek });
	if (error) throw error;
	return data.map((row) => {
		const steps = z.array(stepSchema).safeParse(row.steps);
		if (!steps.success) throw new Error(`swap ${row.id}: unexpected steps (${steps.error.message})`);
		return { ...row, steps: steps.data };
	});
}

/** Swaps waiting for the signed-in user, to answer or to decide (shifts still to come): the navigation's badge. */
export async function countWaitingSwaps(client: AppSupabaseClient, siteId: string): Promise<number> {
	const { data, error } = await client.rpc('shift_swaps_waiting', { site_id: siteId });
	if (error) throw error;
	return data;
}

/** Whether a shift (site-local day and start time) is still to come: only those can be swapped. */
export function shiftIsAhead(day: string, startsAt: string, timeZone: string, nowMs = Date.now()): boolean {
	const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
	const [hour = 0, minute = 0] = startsAt.split(':').map(Number);
	return new TZDate(year, month - 1, date, hour, minute, 0, timeZone).getTime() > nowMs;
}
