// A team's week to print (/schedules/<team>/<any date of the week>/print,
// ?version=N for another version than the one agents see): the planners'
// paper copy for the floor. The published version by default, else the
// newest; who published it and when. Planners only: the team's lead and the
// site's supervisors, managers and admins (schedule_publisher refuses others
// in SQL as well).
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import { fetchSpecialDays, type SpecialDay } from '$lib/data/my-schedule';
import {
	fetchAgents,
	fetchShifts,
	fetchTeams,
	fetchTemplates,
	fetchVersions,
	type RotaTeam,
	type RotaTemplate,
	type ScheduleVersion
} from '$lib/data/rota';
import { fetchAgentNames, fetchPublisher } from '$lib/data/schedule-publishing';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { m } from '$lib/paraglide/messages';
import type { RotaShift } from '$lib/rota/edits';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';
import type { PrintAgent } from './print-week';

export type PrintSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'no-team' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			team: RotaTeam;
			siteName: string;
			timeZone: string;
			week: string;
			days: string[];
			versions: ScheduleVersion[];
			/** The version printed; null when the week has none. */
			version: ScheduleVersion | null;
			publisher: string | null;
			agents: PrintAgent[];
			shifts: RotaShift[];
			templates: RotaTemplate[];
			specialDays: SpecialDay[];
	  };

const setup = (page: PrintSetup) => ({ page });

export const load = (async ({ parent, params, url }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId, siteName, teamId, timeZone } = session.current;
	const plans = ['supervisor', 'manager', 'admin'].includes(role) || (role === 'lead' && teamId === params.team);
	if (!plans) return setup({ state: 'not-allowed', session });
	const week = isCalendarDate(params.week) ? mondayOf(params.week) : mondayOf(siteDay(Date.now(), timeZone).date);
	const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
	try {
		const client = session.client;
		const [teams, versions, teamAgents, templates, specialDays] = await Promise.all([
			fetchTeams(client, siteId),
			fetchVersions(client, params.team, week),
			fetchAgents(client, params.team),
			fetchTemplates(client, siteId),
			fetchSpecialDays(client, siteId, week, days[6]!)
		]);
		const team = teams.find((t) => t.id === params.team);
		if (!team) return setup({ state: 'no-team' });
		const asked = Number(url.searchParams.get('version'));
		const version =
			versions.find((v) => v.version === asked) ??
			versions.find((v) => v.status === 'published') ??
			versions[0] ??
			null;
		const [shifts, publisher] = await Promise.all([
			version ? fetchShifts(client, version.id) : Promise.resolve([]),
			version?.published_by ? fetchPublisher(client, version.id) : Promise.resolve(null)
		]);
		const known = new Set(teamAgents.map((a) => a.id));
		const left = [...new Set(shifts.flatMap((s) => (s.agent_id && !known.has(s.agent_id) ? [s.agent_id] : [])))];
		const named = await fetchAgentNames(client, left);
		// A shift whose agent cannot be named still prints, under words that say so.
		const unnamed = left
			.filter((id) => !named.some((a) => a.id === id))
			.map((id) => ({ id, display_name: m.pub_print_unknown_agent(), employee_no: '~' }));
		const agents: PrintAgent[] = [...teamAgents, ...named, ...unnamed];
		return setup({
			state: 'ready',
			team,
			siteName,
			timeZone,
			week,
			days,
			versions,
			version,
			publisher,
			agents,
			shifts,
			templates,
			specialDays
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
