// The state of one caller's desk: their leads in calling order, the lead
// being worked, its call history and the caller's invitations. After a call
// is logged the list is read again and the next lead is taken up, so the
// caller's hands stay on the keyboard.
import { fetchMyInvitations, myInvitationsSince, type Invitation } from '$lib/data/invitations';
import {
	fetchLeadCalls,
	fetchMyLeads,
	fetchRecallList,
	type Lead,
	type LeadCall,
	type RecallLead
} from '$lib/data/leads';
import { handleError } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { nextLeadId, orderLeads } from '$lib/outbound/lead-order';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import type { MyCalls } from './+page';

type Ready = Extract<MyCalls, { state: 'ready' }>;

export class CallDesk {
	readonly client: AppSupabaseClient;
	readonly agentId: string;
	readonly siteId: string;
	readonly timeZone: string;
	readonly today: string;

	leads = $state.raw<Lead[]>([]);
	recall = $state.raw<RecallLead[]>([]);
	invitations = $state.raw<Invitation[]>([]);
	selectedId = $state<string | null>(null);
	history = $state.raw<LeadCall[]>([]);
	/** Set when the call form should take the keyboard focus as it appears. */
	focusForm = $state(false);

	readonly ordered = $derived.by(() => orderLeads(this.leads, this.today));
	readonly selected = $derived(this.leads.find((l) => l.id === this.selectedId) ?? null);

	/** A lead of the caller's list by id (an invitation's customer). */
	lead(id: string): Lead | undefined {
		return this.leads.find((l) => l.id === id);
	}

	constructor(client: AppSupabaseClient, page: Ready) {
		this.client = client;
		this.agentId = page.agentId;
		this.siteId = page.siteId;
		this.timeZone = page.timeZone;
		this.today = siteDay(Date.now(), page.timeZone).date;
		this.leads = page.leads;
		this.recall = page.recall;
		this.invitations = page.invitations;
		this.selectedId = this.ordered[0]?.id ?? null;
		void this.loadHistory();
	}

	/** Takes up a lead; `focus` hands the keyboard to its call form. */
	select(id: string | null, focus = true): void {
		if (id === this.selectedId) {
			this.focusForm = focus;
			return;
		}
		this.selectedId = id;
		this.history = [];
		this.focusForm = focus;
		void this.loadHistory();
	}

	async loadHistory(): Promise<void> {
		const id = this.selectedId;
		if (!id) return;
		try {
			const calls = await fetchLeadCalls(this.client, id);
			if (this.selectedId === id) this.history = calls;
		} catch (err) {
			handleError(err, m.outb_history_title());
		}
	}

	/** After a call of `leadId` was logged: the list read again, the next lead taken up. */
	async logged(leadId: string): Promise<void> {
		const before = this.ordered.map((l) => l.id);
		try {
			const [leads, recall] = await Promise.all([
				fetchMyLeads(this.client, this.agentId),
				fetchRecallList(this.client, this.siteId)
			]);
			this.leads = leads;
			this.recall = recall;
		} catch (err) {
			handleError(err, m.outb_list_title({ count: this.leads.length }));
		}
		this.select(nextLeadId(before, leadId) ?? leadId);
	}

	async reloadInvitations(): Promise<void> {
		try {
			this.invitations = await fetchMyInvitations(this.client, this.agentId, myInvitationsSince());
		} catch (err) {
			handleError(err, m.outb_inv_title());
		}
	}
}
