// One caller's call-effect sheet (电开效果管控表) of a day: the day's
// figures and, for the caller, their team lead and managers, the line of
// every customer called. Anyone else the database lets read the figures
// (the team, staff) gets them without the lines; everyone else is refused.
import { isCalendarDate } from '$lib/calendar-date';
import { fetchMyAgent } from '$lib/data/my-schedule';
import { fetchCallEffectSheet, type CallEffectSheet } from '$lib/data/outbound-ledger';
import { errorDetail } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type SheetPage =
	| { state: 'none' }
	| { state: 'unavailable'; day: string; message: string }
	| {
			state: 'ready';
			agent: string;
			day: string;
			today: string;
			sheet: CallEffectSheet;
			/** Keeps the ledger (not an agent reading their own sheet). */
			staff: boolean;
			/** May read the caller's customers: their team lead or a manager (or the caller, who sees them anyway). */
			mayReadLines: boolean;
	  };

const page = (p: SheetPage) => ({ page: p });

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return page({ state: 'none' });
	const today = siteDay(Date.now(), session.current.timeZone).date;
	const day = isCalendarDate(params.day) ? params.day : today;
	try {
		const sheet = await fetchCallEffectSheet(session.client, params.agent, day);
		// Agents reach their own sheet from /me; the way back to the ledger is for those who keep it.
		const { role, teamId, siteId } = session.current;
		const staff = role !== 'agent';
		const own = role === 'agent' && (await fetchMyAgent(session.client, session.userId, siteId))?.id === params.agent;
		const mayReadLines = own || role === 'manager' || (role === 'lead' && teamId === sheet.figures.team_id);
		return page({ state: 'ready', agent: params.agent, day, today, sheet, staff, mayReadLines });
	} catch (err) {
		return page({ state: 'unavailable', day, message: errorDetail(err) });
	}
}) satisfies PageLoad;
