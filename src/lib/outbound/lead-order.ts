// The order of a caller's list: what is due comes first (follow-ups whose
// day has come, oldest first), then leads never called (in the order they
// were handed out), then the rest by their next follow-up (none last).
export type LeadGroup = 'due' | 'new' | 'later';

export interface OrderedLead {
	next_follow_up_on: string | null;
	last_called_at: string | null;
	created_at: string;
}

export function leadGroup(lead: OrderedLead, today: string): LeadGroup {
	if (lead.next_follow_up_on !== null && lead.next_follow_up_on <= today) return 'due';
	if (lead.last_called_at === null) return 'new';
	return 'later';
}

const RANK: Record<LeadGroup, number> = { due: 0, new: 1, later: 2 };

/** Text compare with null last. */
function compareNullLast(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}

/** A new array of `leads` in calling order on `today` (yyyy-mm-dd, site-local). */
export function orderLeads<T extends OrderedLead>(leads: readonly T[], today: string): T[] {
	return leads
		.map((lead) => ({ lead, group: leadGroup(lead, today) }))
		.sort(
			(a, b) =>
				RANK[a.group] - RANK[b.group] ||
				compareNullLast(a.lead.next_follow_up_on, b.lead.next_follow_up_on) ||
				compareNullLast(a.lead.last_called_at, b.lead.last_called_at) ||
				compareNullLast(a.lead.created_at, b.lead.created_at)
		)
		.map(({ lead }) => lead);
}

/** The lead to work after `currentId` in the list as it was ordered before the call; null when none is left. */
export function nextLeadId(orderedIds: readonly string[], currentId: string): string | null {
	const at = orderedIds.indexOf(currentId);
	const rest = [...orderedIds.slice(at + 1), ...orderedIds.slice(0, Math.max(at, 0))];
	return rest.find((id) => id !== currentId) ?? null;
}
