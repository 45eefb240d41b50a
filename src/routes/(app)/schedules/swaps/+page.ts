// Shift swaps to decide (/schedules/swaps): the accepted swaps of the teams
// the signed-in lead or supervisor plans, the ones still waiting for the
// colleague, and recent decisions with who and when. The database decides
// whose swaps they read (RLS: the team's lead, the site's supervisors,
// managers and admins) and who may decide. The page follows the teams it
// plans live (their private topics schedule:<team>).
import { addDays } from '$lib/calendar-date';
import { fetchTeams } from '$lib/data/rota';
import { fetchSwaps, type Swap } from '$lib/data/swaps';
import { errorText } from '$lib/errors';
import { siteWeek } from '$lib/live/site-time';
import type { AppRole } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type SwapDesk =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-planner' }
	| { state: 'ready'; timeZone: string; swaps: Swap[]; teamIds: string[] };

const desk = (page: SwapDesk) => ({ page });

/** The roles that decide swaps (app.can_plan_team): a lead for their team, the others for the site. */
const PLANNERS: readonly AppRole[] = ['lead', 'supervisor', 'manager', 'admin'];
const WEEKS_BACK = 4;

/** The teams whose swaps the user decides (app.can_plan_team): a lead's own, the site's for the others. */
async function plannedTeams(session: ShellSession): Promise<string[]> {
	const { role, teamId, siteId } = session.current;
	if (role === 'lead') return teamId ? [teamId] : [];
	return (await fetchTeams(session.client, siteId)).map((t) => t.id);
}

export const load = (async ({ parent, depends }) => {
	depends('app:swaps');
	const session = sessionOf((await parent()).shell);
	if (!session) return desk({ state: 'none' });
	if (!PLANNERS.includes(session.current.role)) return desk({ state: 'not-planner' });
	try {
		const { timeZone, siteId } = session.current;
		const from = addDays(siteWeek(Date.now(), timeZone).date, -7 * WEEKS_BACK);
		const [swaps, teamIds] = await Promise.all([fetchSwaps(session.client, siteId, from), plannedTeams(session)]);
		return desk({ state: 'ready', timeZone, swaps, teamIds });
	} catch (err) {
		return desk({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
