// My day (/me): the agent's shift today from the published schedule. The
// stats and targets of the agents' issue join it later.
import { mondayOf } from '$lib/calendar-date';
import {
	fetchMyAgent,
	fetchMyWeek,
	fetchTemplateNames,
	type MyShift,
	type ShiftTemplateName
} from '$lib/data/my-schedule';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyDay =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| {
			state: 'ready';
			name: string;
			today: string;
			published: boolean;
			shifts: MyShift[];
			templates: ShiftTemplateName[];
	  };

const day = (page: MyDay) => ({ page });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return day({ state: 'none' });
	try {
		const agent = await fetchMyAgent(session.client, session.userId, session.current.siteId);
		if (!agent) return day({ state: 'not-agent' });
		const today = siteDay(Date.now(), session.current.timeZone).date;
		const [week, templates] = await Promise.all([
			fetchMyWeek(session.client, agent, mondayOf(today)),
			fetchTemplateNames(session.client, agent.site_id)
		]);
		return day({
			state: 'ready',
			name: agent.display_name,
			today,
			published: week.published !== null,
			shifts: week.shifts.filter((s) => s.day === today),
			templates
		});
	} catch (err) {
		return day({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
