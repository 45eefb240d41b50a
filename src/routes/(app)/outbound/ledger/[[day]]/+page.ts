// The outbound team ledger (电开台帐) of a day (/outbound/ledger/2026-11-30;
// without a day, the site's today), for one outbound team (?team=, else the
// lead's own, else the first), or with ?view=week the week across the whole
// center. Views of the call data, the call log and the register; the
// database decides who may read them (20261209600000_outbound_ledger.sql).
import { isCalendarDate, mondayOf } from '$lib/calendar-date';
import {
	fetchLedger,
	fetchOutboundTeams,
	fetchWeekSummary,
	type LedgerRow,
	type OutboundTeam,
	type WeekRow
} from '$lib/data/outbound-ledger';
import { errorDetail } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { LEDGER_ROLES, pickTeam } from '$lib/outbound/ledger/ledger-access';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

interface Shown {
	day: string;
	today: string;
	timeZone: string;
	teams: OutboundTeam[];
}

export type LedgerPage =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| (Shown & { state: 'no-team' })
	| (Shown & { state: 'unavailable'; team: OutboundTeam | null; view: 'day' | 'week'; message: string })
	| (Shown & { state: 'day'; team: OutboundTeam; rows: LedgerRow[] })
	| (Shown & { state: 'week'; team: OutboundTeam; monday: string; rows: WeekRow[] });

const page = (p: LedgerPage) => ({ page: p });

export const load = (async ({ parent, params, url }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return page({ state: 'none' });
	if (!LEDGER_ROLES.includes(session.current.role)) return page({ state: 'not-allowed' });
	const { siteId, timeZone, teamId } = session.current;
	const today = siteDay(Date.now(), timeZone).date;
	const day = params.day && isCalendarDate(params.day) ? params.day : today;
	const view = url.searchParams.get('view') === 'week' ? 'week' : 'day';
	const shown = { day, today, timeZone, teams: [] as OutboundTeam[] };
	let team: OutboundTeam | null = null;
	try {
		shown.teams = await fetchOutboundTeams(session.client, siteId);
		team = pickTeam(shown.teams, url.searchParams.get('team'), teamId);
		if (!team) return page({ ...shown, state: 'no-team' });
		if (view === 'week') {
			const rows = await fetchWeekSummary(session.client, siteId, day);
			return page({ ...shown, state: 'week', team, monday: mondayOf(day), rows });
		}
		return page({ ...shown, state: 'day', team, rows: await fetchLedger(session.client, team.id, day) });
	} catch (err) {
		return page({ ...shown, state: 'unavailable', team, view, message: errorDetail(err) });
	}
}) satisfies PageLoad;
