// The monthly attendance report (/attendance/report/2026-03; without a month,
// the site's current one): every team's agents with their figures, team and
// site totals, the month's payroll lock, and the exports. The database
// decides whose rows come back (a lead their team, the site's supervisors,
// managers and admins everything); the page only asks.
import { shownMonth } from '$lib/attendance/month-view';
import { reportProblem } from '$lib/attendance/report/report-errors';
import {
	fetchMonthLock,
	fetchMonthReport,
	REPORT_LOAD,
	type MonthLock,
	type MonthReport
} from '$lib/data/attendance-report';
import { siteDay } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type ReportPage =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; month: string; message: string }
	| { state: 'ready'; month: string; thisMonth: string; timeZone: string; report: MonthReport; lock: MonthLock | null };

const page = (p: ReportPage) => ({ page: p });

export const load = (async ({ parent, params, depends }) => {
	depends(REPORT_LOAD);
	const session = sessionOf((await parent()).shell);
	if (!session) return page({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return page({ state: 'not-allowed' });
	const { siteId, timeZone } = session.current;
	const thisMonth = siteDay(Date.now(), timeZone).date.slice(0, 7);
	const month = shownMonth(params.month, `${thisMonth}-01`);
	try {
		const [report, lock] = await Promise.all([
			fetchMonthReport(session.client, siteId, month),
			fetchMonthLock(session.client, siteId, month)
		]);
		return page({ state: 'ready', month, thisMonth, timeZone, report, lock });
	} catch (err) {
		return page({ state: 'unavailable', month, message: reportProblem(err) });
	}
}) satisfies PageLoad;
