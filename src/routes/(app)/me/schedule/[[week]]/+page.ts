// An agent's own published week (/me/schedule/2026-12-07; without a date,
// the site's current week; any date shows the week it falls in). Agents see
// published versions only — the database decides (RLS on schedules). The
// page reads its week again (invalidate(MY_SCHEDULE_LOAD)) when a new version is
// published, without leaving the page.
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import {
	fetchMyAgent,
	fetchMyWeek,
	fetchSeasonPeriods,
	fetchSpecialDays,
	fetchTemplateNames,
	type MyAgent,
	type MyWeek,
	type SeasonPeriod,
	type ShiftTemplateName,
	type SpecialDay
} from '$lib/data/my-schedule';
import { MY_SCHEDULE_LOAD } from '$lib/data/schedule-publishing';
import { errorText } from '$lib/errors';
import { siteDay, siteWeek } from '$lib/live/site-time';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyScheduleSetup =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| {
			state: 'ready';
			session: ShellSession;
			agent: MyAgent;
			siteName: string;
			timeZone: string;
			/** Monday of the week shown, and of the site's current week. */
			week: string;
			thisWeek: string;
			today: string;
			shown: MyWeek;
			templates: ShiftTemplateName[];
			seasons: SeasonPeriod[];
			specialDays: SpecialDay[];
	  };

const setup = (page: MyScheduleSetup) => ({ page });

export const load = (async ({ parent, params, depends }) => {
	depends(MY_SCHEDULE_LOAD);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	// The site the shell shows when the user is an agent there, else the first site they are an agent at.
	const agentSites = session.memberships.filter((m) => m.role === 'agent');
	const membership = agentSites.find((m) => m.siteId === session.current.siteId) ?? agentSites[0];
	if (!membership) return setup({ state: 'not-agent' });
	try {
		const client = session.client;
		const agent = await fetchMyAgent(client, session.userId, membership.siteId);
		if (!agent) return setup({ state: 'not-agent' });
		const now = Date.now();
		const today = siteDay(now, membership.timeZone).date;
		const thisWeek = siteWeek(now, membership.timeZone).date;
		const week = params.week && isCalendarDate(params.week) ? mondayOf(params.week) : thisWeek;
		const last = addDays(week, 6);
		const [shown, templates, seasons, specialDays] = await Promise.all([
			fetchMyWeek(client, agent, week),
			fetchTemplateNames(client, agent.site_id),
			fetchSeasonPeriods(client, agent.site_id, week, last),
			fetchSpecialDays(client, agent.site_id, week, last)
		]);
		return setup({
			state: 'ready',
			session,
			agent,
			siteName: membership.siteName,
			timeZone: membership.timeZone,
			week,
			thisWeek,
			today,
			shown,
			templates,
			seasons,
			specialDays
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
