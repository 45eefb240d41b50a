// /qa: a QA specialist picks an agent and one of their recent calls and
// scores it with the site's scorecard; everyone the page is for sees the
// latest scores. Supervisors read scores and import CSAT but do not score
// (public.score_call), so their page has no scoring desk.
import {
	fetchActiveScorecard,
	fetchQaAgents,
	fetchQaQueues,
	fetchRecentEvaluations,
	type Evaluation,
	type QaAgent,
	type QaQueue,
	type Scorecard
} from '$lib/data/qa';
import { errorText } from '$lib/errors';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type QaSetup =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			session: ShellSession;
			mayScore: boolean;
			scorecard: Scorecard | null;
			agents: QaAgent[];
			queues: QaQueue[];
			evaluations: Evaluation[];
	  };

const SCORERS: readonly string[] = ['qa', 'manager', 'admin'];
const setup = (page: QaSetup) => ({ page });

export const load = (async ({ parent, depends }) => {
	depends('app:qa');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId } = session.current;
	if (!roleMayUse(role, 'qa')) return setup({ state: 'not-allowed' });
	try {
		const [scorecard, agents, queues, evaluations] = await Promise.all([
			fetchActiveScorecard(session.client, siteId),
			fetchQaAgents(session.client, siteId, session.userId),
			fetchQaQueues(session.client, siteId),
			fetchRecentEvaluations(session.client, siteId)
		]);
		return setup({
			state: 'ready',
			session,
			mayScore: SCORERS.includes(role),
			scorecard,
			agents,
			queues,
			evaluations
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
