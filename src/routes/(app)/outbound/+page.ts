// The invitation register (/outbound) of a day or a week: team leads see
// their own team's callers, supervisors and managers every outbound team.
// Customer names and phone numbers are read (RLS) only for team leads and
// managers; supervisors keep the register without them.
import { isCalendarDate } from '$lib/calendar-date';
import { fetchRegister, type Invitation } from '$lib/data/invitations';
import { fetchLeadsByIds, type Lead } from '$lib/data/leads';
import { fetchOutboundCallers, type OutboundCaller } from '$lib/data/outbound-callers';
import { errorText } from '$lib/errors';
import { siteDay, siteWeek } from '$lib/live/site-time';
import { siteLocalToIso } from '$lib/outbound/appointment';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type RegisterSpan = 'day' | 'week';

export type Register =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			timeZone: string;
			day: string;
			span: RegisterSpan;
			from: string;
			to: string;
			callers: OutboundCaller[];
			invitations: Invitation[];
			/** Readable leads by id; empty for those who may not see customers. */
			customers: Record<string, Pick<Lead, 'customer_name' | 'phone'>>;
			showCustomers: boolean;
			mayImport: boolean;
	  };

const register = (page: Register) => ({ page });

export const load = (async ({ parent, url, depends }) => {
	depends('app:outbound');
	const session = sessionOf((await parent()).shell);
	if (!session) return register({ state: 'none' });
	const { role, siteId, timeZone } = session.current;
	if (!roleMayUse(role, 'outbound')) return register({ state: 'not-allowed' });
	const asked = url.searchParams.get('day') ?? '';
	const span: RegisterSpan = url.searchParams.get('span') === 'week' ? 'week' : 'day';
	const day = isCalendarDate(asked) ? asked : siteDay(Date.now(), timeZone).date;
	const midnight = Date.parse(siteLocalToIso(`${day}T00:00`, timeZone) ?? new Date().toISOString());
	const range = span === 'week' ? siteWeek(midnight, timeZone) : siteDay(midnight, timeZone);
	// The leads' customer fields: RLS gives them to team leads and managers only.
	const showCustomers = role === 'lead' || role === 'manager';
	try {
		const callers = await fetchOutboundCallers(session.client, siteId);
		const from = new Date(range.start).toISOString();
		const to = new Date(range.end).toISOString();
		const invitations = await fetchRegister(
			session.client,
			siteId,
			callers.map((c) => c.id),
			from,
			to
		);
		const leads = showCustomers
			? await fetchLeadsByIds(session.client, [...new Set(invitations.map((i) => i.lead_id))])
			: [];
		const customers = Object.fromEntries(leads.map((l) => [l.id, { customer_name: l.customer_name, phone: l.phone }]));
		return register({
			state: 'ready',
			timeZone,
			day: range.date,
			span,
			from,
			to,
			callers,
			invitations,
			customers,
			showCustomers,
			mayImport: showCustomers
		});
	} catch (err) {
		return register({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
