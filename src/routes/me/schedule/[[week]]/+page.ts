// An agent's own published week (/me/schedule/2026-12-07; without a date,
// the site's current week; any date shows the week it falls in). Agents see
// published versions only — the database decides (RLS on schedules).
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import { listMyMemberships } from '$lib/data/memberships';
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
import { errorText } from '$lib/errors';
import { siteDay, siteWeek } from '$lib/live/site-time';
import { getSupabase } from '$lib/supabase';
import type { PageLoad } from './$types';

export type MyScheduleSetup =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'not-agent' }
	| {
			state: 'ready';
			agent: MyAgent;
			siteName: string;
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

export const load = (async ({ parent, params }) => {
	const { config, configError } = await parent();
	if (!config) return setup({ state: 'unavailable', message: configError ?? '' });
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return setup({ state: 'signed-out' });
		const userId = data.session.user.id;
		const membership = (await listMyMemberships(client, userId)).find((m) => m.role === 'agent');
		const agent = membership ? await fetchMyAgent(client, userId, membership.siteId) : null;
		if (!membership || !agent) return setup({ state: 'not-agent' });
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
			agent,
			siteName: membership.siteName,
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
