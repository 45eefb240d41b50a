// Publishing reaches agents, through the single-box realtime server: an
// agent subscribed (real supabase-js) to their private topic agent:<id>
// receives `schedule_published` when a supervisor publishes their team's
// week, with the version's ids only; an agent of another team, subscribed
// to their own topic, receives nothing; and nobody joins a colleague's topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgent, STAFF, TEAM } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type Client, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

interface Published {
	schedule_id: string;
	team_id: string;
	week_start: string;
	version: number;
}

async function signedInWithRealtime(server: TestApi, email: string): Promise<Client> {
	const client = await server.signedIn(email);
	await client.realtime.setAuth();
	return client;
}

describe.each(ENGINES)('schedule broadcasts on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('tells the team’s agents on their own topics when a week is published, and no one else', async () => {
		const hotlineA = demoAgent(1);
		const hotlineB = demoAgent(11);
		const [agentA, agentB, supervisor] = await Promise.all([
			signedInWithRealtime(server, hotlineA.email),
			signedInWithRealtime(server, hotlineB.email),
			server.signedIn(STAFF.supervisor.email)
		]);
		const heardA: Published[] = [];
		const heardB: Published[] = [];
		const channelA = agentA
			.channel(`agent:${hotlineA.agentId}`, { config: { private: true } })
			.on('broadcast', { event: 'schedule_published' }, (m) => heardA.push(m.payload as Published));
		const channelB = agentB
			.channel(`agent:${hotlineB.agentId}`, { config: { private: true } })
			.on('broadcast', { event: 'schedule_published' }, (m) => heardB.push(m.payload as Published));
		const snooping = agentB.channel(`agent:${hotlineA.agentId}`, { config: { private: true } });
		expect((await subscribe(channelA)).status).toBe('SUBSCRIBED');
		expect((await subscribe(channelB)).status).toBe('SUBSCRIBED');
		expect((await subscribe(snooping)).status).toBe('CHANNEL_ERROR');

		// The seed's draft of Hotline A (two weeks ahead) breaks two rules on purpose: published with a reason.
		const draft = await supervisor
			.from('schedules')
			.select('id, revision, week_start')
			.eq('team_id', TEAM.hotlineA)
			.eq('status', 'draft')
			.single();
		expect(draft.error).toBeNull();
		const published = await supervisor.rpc('publish_schedule', {
			schedule_id: draft.data!.id,
			expected_revision: draft.data!.revision,
			override_reason: 'contract test: publish the demo draft'
		});
		expect(published.error).toBeNull();

		await waitFor(() => heardA.length === 1, 3_000, 'the broadcast on agent01’s topic');
		expect(heardA[0]).toMatchObject({
			schedule_id: draft.data!.id,
			team_id: TEAM.hotlineA,
			week_start: draft.data!.week_start,
			version: published.data!.version
		});
		// Nothing but the version's ids (realtime.send adds the message id).
		expect(Object.keys(heardA[0]!).sort()).toEqual(['id', 'schedule_id', 'team_id', 'version', 'week_start']);
		// Give a stray message to Hotline B the time the one to Hotline A took.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(heardB).toEqual([]);

		await agentA.removeChannel(channelA);
		await agentB.removeChannel(channelB);
		await agentB.removeChannel(snooping);
	});
});
