// The forecast of one queue for one week (/schedules/forecast/<queue>/<any
// date of the week>, ?version=<n> for an older version; by default the
// site's first inbound queue and next week, the week usually planned).
// Everything the page shows is read here in parallel; each action makes a
// new version or saves, then reloads through invalidate('app:forecast').
import { addDays, isCalendarDate, mondayOf } from '$lib/calendar-date';
import {
	fetchBacktest,
	fetchForecastDetail,
	fetchForecastVersions,
	fetchRequirements,
	fetchStaffingQueues,
	type Backtest,
	type ForecastDetail,
	type ForecastVersion,
	type StaffingQueue
} from '$lib/data/forecast';
import { errorText } from '$lib/errors';
import { siteWeek } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { RequirementRow } from '$lib/staffing/forecast-requirements';
import type { PageLoad } from './$types';

export interface BacktestRow {
	queueId: string;
	queueName: string;
	backtest: Backtest | null;
	problem: string | null;
}

export type ForecastSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'no-queues' }
	| {
			state: 'ready';
			session: ShellSession;
			queues: StaffingQueue[];
			queue: StaffingQueue;
			week: string;
			versions: ForecastVersion[];
			shown: ForecastVersion | null;
			detail: ForecastDetail | null;
			/** The version the shown one adjusted, drawn dashed under it. */
			base: ForecastDetail | null;
			requirements: RequirementRow[];
			backtests: BacktestRow[];
			/** May make and adjust forecasts and change policies (the SQL decides again). */
			mayForecast: boolean;
			/** May compute and save requirements. */
			mayPlan: boolean;
	  };

const setup = (page: ForecastSetup) => ({ page });

export const load = (async ({ parent, params, url, depends }) => {
	depends('app:forecast');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	// Agents and displays never read staffing (RLS refuses them too).
	if (!roleMayUse(current.role, 'schedules')) return setup({ state: 'not-allowed', session });
	const nextWeek = addDays(siteWeek(Date.now(), current.timeZone).date, 7);
	const week = params.week && isCalendarDate(params.week) ? mondayOf(params.week) : nextWeek;
	try {
		const queues = (await fetchStaffingQueues(client, current.siteId)).filter((q) => q.direction === 'inbound');
		const queue = queues.find((q) => q.queue_id === params.queue) ?? queues[0];
		if (!queue) return setup({ state: 'no-queues' });
		const asked = Number(url.searchParams.get('version'));
		const versionData = fetchForecastVersions(client, queue.queue_id, week).then(async (versions) => {
			const shown = versions.find((v) => v.version === asked) ?? versions[0] ?? null;
			const [detail, base, requirements] = await Promise.all([
				shown ? fetchForecastDetail(client, shown.id) : null,
				shown?.based_on ? fetchForecastDetail(client, shown.based_on) : null,
				shown?.has_requirements ? fetchRequirements(client, shown.id) : []
			]);
			return { versions, shown, detail, base, requirements };
		});
		const backtestRows = Promise.all(
			queues.map(async (q): Promise<BacktestRow> => {
				try {
					return {
						queueId: q.queue_id,
						queueName: q.queue_name,
						backtest: await fetchBacktest(client, q.queue_id),
						problem: null
					};
				} catch (err) {
					return { queueId: q.queue_id, queueName: q.queue_name, backtest: null, problem: errorText(err) };
				}
			})
		);
		const [data, backtests] = await Promise.all([versionData, backtestRows]);
		return setup({
			state: 'ready',
			session,
			queues,
			queue,
			week,
			...data,
			backtests,
			mayForecast: ['supervisor', 'manager', 'admin'].includes(current.role),
			mayPlan: ['lead', 'supervisor', 'manager', 'admin'].includes(current.role)
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
