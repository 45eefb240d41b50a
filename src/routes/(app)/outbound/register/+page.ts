// The invitation register (意向客户邀约到访登记表) of an outbound team for
// appointments in a date range (?team=&from=&to=; by default the site's
// current week): who invited which customer for when, and who confirmed the
// visit. Rows and customer fields as the database allows
// (20261209600000_outbound_ledger.sql): supervisors keep the register but
// see no customer names or phones.
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import {
	fetchInvitationRegister,
	fetchOutboundTeams,
	type OutboundTeam,
	type RegisterRow
} from '$lib/data/outbound-ledger';
import { errorDetail } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { pickTeam, REGISTER_ROLES } from '$lib/outbound/ledger/ledger-access';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

interface Shown {
	from: string;
	to: string;
	today: string;
	timeZone: string;
	teams: OutboundTeam[];
}

export type RegisterPage =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| (Shown & { state: 'no-team' })
	| (Shown & { state: 'unavailable'; team: OutboundTeam | null; message: string })
	| (Shown & { state: 'ready'; team: OutboundTeam; rows: RegisterRow[]; mayReadCustomers: boolean });

const page = (p: RegisterPage) => ({ page: p });
const dayParam = (url: URL, name: string) => {
	const value = url.searchParams.get(name);
	return value && isCalendarDate(value) ? value : null;
};

export const load = (async ({ parent, url }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return page({ state: 'none' });
	const { role, siteId, timeZone, teamId } = session.current;
	if (!REGISTER_ROLES.includes(role)) return page({ state: 'not-allowed' });
	const today = siteDay(Date.now(), timeZone).date;
	const from = dayParam(url, 'from') ?? mondayOf(today);
	const to = dayParam(url, 'to') ?? addDays(from, 6);
	const shown: Shown = { from, to, today, timeZone, teams: [] };
	let team: OutboundTeam | null = null;
	try {
		shown.teams = await fetchOutboundTeams(session.client, siteId);
		team = pickTeam(shown.teams, url.searchParams.get('team'), teamId);
		if (!team) return page({ ...shown, state: 'no-team' });
		const rows = await fetchInvitationRegister(session.client, team.id, from, to);
		const mayReadCustomers = role === 'manager' || (role === 'lead' && teamId === team.id);
		return page({ ...shown, state: 'ready', team, rows, mayReadCustomers });
	} catch (err) {
		return page({ ...shown, state: 'unavailable', team, message: errorDetail(err) });
	}
}) satisfies PageLoad;
