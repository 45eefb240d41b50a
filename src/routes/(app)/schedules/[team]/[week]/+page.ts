// The rota of one team for one week (/schedules/<team>/<any date of the
// week>): everything the grid needs, read in parallel; the editor's state
// class re-reads versions, shifts and violations after each edit, when the
// live link joins and when another editor's change arrives.
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import { fetchSeasonPeriods, fetchSpecialDays, type SeasonPeriod, type SpecialDay } from '$lib/data/my-schedule';
import {
	fetchAgents,
	fetchLeave,
	fetchPolicy,
	fetchShifts,
	fetchVersions,
	fetchViolations,
	fetchTeams,
	fetchTemplates,
	type LeaveStretch,
	type RotaAgent,
	type RotaPolicy,
	type RotaTeam,
	type RotaTemplate,
	type ScheduleVersion,
	type Violation
} from '$lib/data/rota';
import { fetchOtherTeamsWeek, type OtherTeamsWeek } from '$lib/data/other-teams-week';
import { fetchWeekStaffing, type WeekStaffing } from '$lib/data/staffing-week';
import type { RotaShift } from '$lib/rota/edits';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type RotaSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'no-team' }
	| {
			state: 'ready';
			session: ShellSession;
			team: RotaTeam;
			teams: RotaTeam[];
			week: string;
			days: string[];
			today: string;
			agents: RotaAgent[];
			templates: RotaTemplate[];
			periods: SeasonPeriod[];
			specialDays: SpecialDay[];
			policy: RotaPolicy | null;
			leave: LeaveStretch[];
			/** May this user change the team's schedules? The SQL decides again on every write. */
			canPlan: boolean;
			/** The queues' requirements and the other teams' shifts, for the heatmap and Generate; null when unreadable. */
			staffing: { week: WeekStaffing; others: OtherTeamsWeek } | null;
			/** The week as loaded; the editor's state takes over from here. */
			initial: { versions: ScheduleVersion[]; shifts: RotaShift[]; violations: Violation[] };
	  };

const setup = (page: RotaSetup) => ({ page });

const STAFFING_READERS = ['lead', 'supervisor', 'manager', 'admin', 'qa', 'analyst'];

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId, teamId, timeZone } = session.current;
	if (!roleMayUse(role, 'schedules')) return setup({ state: 'not-allowed', session });
	const week = isCalendarDate(params.week) ? mondayOf(params.week) : mondayOf(siteDay(Date.now(), timeZone).date);
	const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
	try {
		const client = session.client;
		const teams = await fetchTeams(client, siteId);
		const team = teams.find((t) => t.id === params.team);
		if (!team) return setup({ state: 'no-team' });
		const canPlan = ['supervisor', 'manager', 'admin'].includes(role) || (role === 'lead' && teamId === team.id);
		// The week's versions and shifts load beside the rest, not after the page mounts.
		const weekData = fetchVersions(client, team.id, week).then(async (versions) => {
			const shown =
				versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'published') ?? versions[0];
			const [shifts, violations] = await Promise.all([
				shown ? fetchShifts(client, shown.id) : Promise.resolve([]),
				shown?.status === 'draft' && canPlan ? fetchViolations(client, shown.id) : Promise.resolve([])
			]);
			return { versions, shifts, violations };
		});
		const agentsWithLeave = fetchAgents(client, team.id).then(async (agents) => ({
			agents,
			leave: await fetchLeave(
				client,
				agents.map((a) => a.id),
				week,
				days[6]!
			)
		}));
		// Staffing is extra: a page without it still edits the rota, so its failure is not the page's.
		const staffing = STAFFING_READERS.includes(role)
			? Promise.all([
					fetchWeekStaffing(client, siteId, week, timeZone),
					fetchOtherTeamsWeek(client, siteId, team.id, week)
				]).then(
					([weekStaffing, others]) => ({ week: weekStaffing, others }),
					() => null
				)
			: Promise.resolve(null);
		const [{ agents, leave }, templates, periods, specialDays, policy, initial, staffingData] = await Promise.all([
			agentsWithLeave,
			fetchTemplates(client, siteId),
			fetchSeasonPeriods(client, siteId, week, days[6]!),
			fetchSpecialDays(client, siteId, week, days[6]!),
			fetchPolicy(client, siteId),
			weekData,
			staffing
		]);
		return setup({
			state: 'ready',
			session,
			team,
			teams,
			week,
			days,
			today: siteDay(Date.now(), timeZone).date,
			agents,
			templates,
			periods,
			specialDays,
			policy,
			leave,
			canPlan,
			staffing: staffingData,
			initial
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
