// My calls (/me/calls): an outbound caller's leads, the monthly recall
// list and their invitations. RLS gives an agent their own leads only; an
// agent of an inbound team is told they have no call list.
import { fetchMyInvitations, myInvitationsSince, type Invitation } from '$lib/data/invitations';
import { fetchMyLeads, fetchRecallList, type Lead, type RecallLead } from '$lib/data/leads';
import { fetchMyAgent } from '$lib/data/my-schedule';
import { isOutboundTeam } from '$lib/data/outbound-callers';
import { errorText } from '$lib/errors';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyCalls =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| { state: 'not-outbound' }
	| {
			state: 'ready';
			agentId: string;
			siteId: string;
			timeZone: string;
			leads: Lead[];
			recall: RecallLead[];
			invitations: Invitation[];
	  };

const mine = (page: MyCalls) => ({ page });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return mine({ state: 'none' });
	try {
		const siteId = session.current.siteId;
		const agent = await fetchMyAgent(session.client, session.userId, siteId);
		if (!agent) return mine({ state: 'not-agent' });
		if (!(await isOutboundTeam(session.client, agent.team_id))) return mine({ state: 'not-outbound' });
		const [leads, recall, invitations] = await Promise.all([
			fetchMyLeads(session.client, agent.id),
			fetchRecallList(session.client, siteId),
			fetchMyInvitations(session.client, agent.id, myInvitationsSince())
		]);
		return mine({
			state: 'ready',
			agentId: agent.id,
			siteId,
			timeZone: session.current.timeZone,
			leads,
			recall,
			invitations
		});
	} catch (err) {
		return mine({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
