// The invitation register (意向客户邀约到访登记表): visits booked by callers,
// confirmed on arrival by someone else, turned into deals. Supervisors read
// the register but not the leads behind it, so customer fields are fetched
// apart (leads.ts, RLS) and only for those who may read them.
import type { Tables } from '$lib/database.types';
import type { ProductKind } from '$lib/outbound/follow-up';
import type { AppSupabaseClient } from '$lib/supabase';

export type Invitation = Pick<
	Tables<'invitations'>,
	| 'id'
	| 'agent_id'
	| 'lead_id'
	| 'appointment_at'
	| 'status'
	| 'product'
	| 'visited_at'
	| 'confirmed_by'
	| 'deal_product'
	| 'deal_at'
	| 'notes'
>;

const COLUMNS =
	'id, agent_id, lead_id, appointment_at, status, product, visited_at, confirmed_by, deal_product, deal_at, notes';

/** How far back a caller's own invitations are listed. */
export const MY_INVITATION_DAYS = 30;
export const myInvitationsSince = (now = Date.now()): string =>
	new Date(now - MY_INVITATION_DAYS * 86_400_000).toISOString();

/** A caller's invitations with an appointment since `since` (ISO), soonest first. */
export async function fetchMyInvitations(
	client: AppSupabaseClient,
	agentId: string,
	since: string
): Promise<Invitation[]> {
	const { data, error } = await client
		.from('invitations')
		.select(COLUMNS)
		.eq('agent_id', agentId)
		.gte('appointment_at', since)
		.order('appointment_at')
		.limit(500);
	if (error) throw error;
	return data;
}

/** The register of `agentIds` for appointments in [from, to) (ISO). */
export async function fetchRegister(
	client: AppSupabaseClient,
	siteId: string,
	agentIds: readonly string[],
	from: string,
	to: string
): Promise<Invitation[]> {
	if (agentIds.length === 0) return [];
	const { data, error } = await client
		.from('invitations')
		.select(COLUMNS)
		.eq('site_id', siteId)
		.in('agent_id', [...agentIds])
		.gte('appointment_at', from)
		.lt('appointment_at', to)
		.order('appointment_at')
		.limit(2000);
	if (error) throw error;
	return data;
}

export async function bookInvitation(
	client: AppSupabaseClient,
	booking: { leadId: string; appointmentAt: string; product: ProductKind | null; notes: string }
): Promise<void> {
	const { error } = await client.rpc('book_invitation', {
		lead_id: booking.leadId,
		appointment_at: booking.appointmentAt,
		product: booking.product ?? undefined,
		notes: booking.notes.trim() === '' ? undefined : booking.notes
	});
	if (error) throw error;
}

export async function confirmInvitation(client: AppSupabaseClient, invitationId: string): Promise<void> {
	const { error } = await client.rpc('confirm_invitation', { invitation_id: invitationId });
	if (error) throw error;
}

export async function recordDeal(
	client: AppSupabaseClient,
	invitationId: string,
	product: Extract<ProductKind, 'high_rise' | 'villa'>
): Promise<void> {
	const { error } = await client.rpc('record_deal', { invitation_id: invitationId, product });
	if (error) throw error;
}

/** The customer did not come, or the caller called the visit off: a booked invitation's end. */
export async function closeInvitation(
	client: AppSupabaseClient,
	invitationId: string,
	status: 'no_show' | 'cancelled'
): Promise<void> {
	const { data, error } = await client
		.from('invitations')
		.update({ status })
		.eq('id', invitationId)
		.eq('status', 'booked')
		.select('id');
	if (error) throw error;
	// Nothing changed: no longer booked, or not the user's to change (RLS).
	if (data.length === 0) throw Object.assign(new Error('the invitation is no longer booked'), { code: 'CB103' });
}
