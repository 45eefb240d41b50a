// My day (/me): the agent's shift today from the published schedule, their
// attendance today, their figures against their targets (live: the page
// follows the agent's topic and reads `app:my-stats` again on each change),
// the requests waiting for a decision and, for callers, the month's rewards
// and penalties so far.
import { mondayOf } from '$lib/calendar-date';
import {
	fetchMyAgent,
	fetchMyWeek,
	fetchTemplateNames,
	type MyShift,
	type ShiftTemplateName
} from '$lib/data/my-schedule';
import {
	fetchAttendanceOn,
	fetchMyFigures,
	fetchMyTrend,
	fetchOpenRequestCount,
	type MyFigures,
	type TodayAttendance,
	type TrendDay
} from '$lib/data/my-stats';
import { fetchAgentStatement, type StatementLine } from '$lib/data/statements';
import { errorText } from '$lib/errors';
import { MY_STATS_DEPENDENCY } from '$lib/live/follow-my-stats.svelte';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type MyStats =
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			figures: MyFigures;
			trend: TrendDay[];
			attendance: TodayAttendance[];
			openRequests: number;
			/** The month's statement so far; null for inbound agents, whom its rules do not concern. */
			statement: StatementLine[] | null;
	  };

export type MyDay =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| {
			state: 'ready';
			agentId: string;
			name: string;
			today: string;
			published: boolean;
			shifts: MyShift[];
			templates: ShiftTemplateName[];
			stats: MyStats;
	  };

const day = (page: MyDay) => ({ page });

/** The figures part: a failure there leaves the shift card standing. */
async function loadStats(client: AppSupabaseClient, agentId: string, today: string): Promise<MyStats> {
	try {
		const [figures, trend, attendance, openRequests] = await Promise.all([
			fetchMyFigures(client, agentId),
			fetchMyTrend(client, agentId),
			fetchAttendanceOn(client, agentId, today),
			fetchOpenRequestCount(client, agentId)
		]);
		if (!figures) throw new Error('my_stats returned no figures');
		const statement =
			figures.kind === 'outbound' ? await fetchAgentStatement(client, agentId, today.slice(0, 7)) : null;
		return { state: 'ready', figures, trend, attendance, openRequests, statement };
	} catch (err) {
		return { state: 'unavailable', message: errorText(err) };
	}
}

export const load = (async ({ parent, depends }) => {
	depends(MY_STATS_DEPENDENCY);
	const session = sessionOf((await parent()).shell);
	if (!session) return day({ state: 'none' });
	try {
		const agent = await fetchMyAgent(session.client, session.userId, session.current.siteId);
		if (!agent) return day({ state: 'not-agent' });
		const today = siteDay(Date.now(), session.current.timeZone).date;
		const [week, templates, stats] = await Promise.all([
			fetchMyWeek(session.client, agent, mondayOf(today)),
			fetchTemplateNames(session.client, agent.site_id),
			loadStats(session.client, agent.id, today)
		]);
		return day({
			state: 'ready',
			agentId: agent.id,
			name: agent.display_name,
			today,
			published: week.published !== null,
			shifts: week.shifts.filter((s) => s.day === today),
			templates,
			stats
		});
	} catch (err) {
		return day({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
