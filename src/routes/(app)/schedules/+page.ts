// /schedules opens the rota of the planner's team (a lead's own team, else
// the site's first) for next week, the week usually being planned.
import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { addDays } from '$lib/calendar-date';
import { fetchTeams } from '$lib/data/rota';
import { errorText } from '$lib/errors';
import { siteWeek } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return { problem: null };
	if (!roleMayUse(session.current.role, 'schedules')) return { problem: 'not-allowed' as const };
	let teams;
	try {
		teams = await fetchTeams(session.client, session.current.siteId);
	} catch (err) {
		return { problem: errorText(err) };
	}
	const team = teams.find((t) => t.id === session.current.teamId) ?? teams[0];
	if (!team) return { problem: 'no-teams' as const };
	const week = addDays(siteWeek(Date.now(), session.current.timeZone).date, 7);
	redirect(307, resolve('/(app)/schedules/[team]/[week]', { team: team.id, week }));
}) satisfies PageLoad;
