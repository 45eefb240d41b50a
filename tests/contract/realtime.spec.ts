// Realtime contract: the real supabase-js (realtime-js 2.109.0, `ws` as
// transport) against /realtime/v1/websocket: presence between two clients,
// client broadcast, Broadcast from Database, and rejoin after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_SITE, demoAgent, demoLead, QUEUE, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type Client, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const wallTopic = `wall:${DEMO_SITE}`;

async function signedInWithRealtime(server: TestApi, email: string): Promise<Client> {
	const client = await server.signedIn(email);
	await client.realtime.setAuth();
	return client;
}

describe.each(ENGINES)('realtime on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		// The garbage frames of the last spec are logged, as they should be.
		server = await startTestApi({ modules: 'app', engine, expectLogs: true });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('syncs presence between two displays on the private wall topic', async () => {
		// Two TVs signed in with the site's one display account, as a floor usually runs them.
		const [tvA, tvB] = await Promise.all([
			signedInWithRealtime(server, STAFF.display.email),
			signedInWithRealtime(server, STAFF.display.email)
		]);
		const a = tvA.channel(wallTopic, { config: { private: true, presence: { key: 'tv-a' } } });
		const b = tvB.channel(wallTopic, { config: { private: true, presence: { key: 'tv-b' } } });
		expect((await subscribe(a)).status).toBe('SUBSCRIBED');
		expect((await subscribe(b)).status).toBe('SUBSCRIBED');
		await a.track({ board: 'overview' });
		await b.track({ board: 'agents' });
		await waitFor(() => Object.keys(a.presenceState()).length === 2, 3_000, 'presence on A');
		await waitFor(() => Object.keys(b.presenceState()).length === 2, 3_000, 'presence on B');
		expect(b.presenceState()['tv-a']?.[0]).toMatchObject({ board: 'overview' });

		await tvB.removeChannel(b);
		await waitFor(() => Object.keys(a.presenceState()).length === 1, 3_000, 'leave seen by A');
		await tvA.removeChannel(a);
	});

	it('lets only displays publish presence on the wall; the settings page lists the display alone', async () => {
		const [tv, agent, supervisor] = await Promise.all([
			signedInWithRealtime(server, STAFF.display.email),
			signedInWithRealtime(server, demoAgent(1).email),
			signedInWithRealtime(server, STAFF.supervisor.email)
		]);
		// The settings page's view: presence on, reading only.
		const settings = supervisor.channel(wallTopic, { config: { private: true, presence: { enabled: true } } });
		settings.on('presence', { event: 'sync' }, () => {});
		const board = tv.channel(wallTopic, { config: { private: true, presence: { key: 'tv-lobby' } } });
		const fake = agent.channel(wallTopic, { config: { private: true, presence: { key: 'fake-tv' } } });
		for (const channel of [settings, board, fake]) expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

		expect(await fake.track({ user: STAFF.display.email, board: '/wall/agents' })).toBe('error');
		expect(await board.track({ user: STAFF.display.email, board: '/wall' })).toBe('ok');
		expect(await settings.track({ board: '/settings' })).toBe('error');
		await waitFor(() => 'tv-lobby' in settings.presenceState(), 3_000, 'the display on the settings page');
		// Neither the agent's fake TV nor the supervisor's own track appears.
		expect(Object.keys(settings.presenceState())).toEqual(['tv-lobby']);
		expect(settings.presenceState()['tv-lobby']?.[0]).toMatchObject({ board: '/wall' });

		for (const [client, channel] of [
			[supervisor, settings],
			[tv, board],
			[agent, fake]
		] as const)
			await client.removeChannel(channel);
	});

	it('relays client broadcasts with self and ack on a public channel', async () => {
		// Private wall topics take broadcasts from the database only (their
		// insert policy allows presence alone); a public room relays clients.
		const client = await signedInWithRealtime(server, STAFF.supervisor.email);
		const listener = await signedInWithRealtime(server, demoLead(1).email);
		const got: unknown[] = [];
		const heard: unknown[] = [];
		const channel = client
			.channel('floor-notes', { config: { broadcast: { self: true, ack: true } } })
			.on('broadcast', { event: 'note' }, (m) => got.push(m.payload));
		const other = listener.channel('floor-notes').on('broadcast', { event: 'note' }, (m) => heard.push(m.payload));
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
		expect((await subscribe(other)).status).toBe('SUBSCRIBED');
		const sent = await channel.send({ type: 'broadcast', event: 'note', payload: { text: '早会 9:00' } });
		expect(sent).toBe('ok');
		await waitFor(() => got.length === 1 && heard.length === 1, 2_000, 'own and relayed broadcast');
		expect(got[0]).toEqual({ text: '早会 9:00' });
		expect(heard[0]).toEqual({ text: '早会 9:00' });
		await client.removeChannel(channel);
		await listener.removeChannel(other);
	});

	it('rejoins after the server restarts and receives later database broadcasts', async () => {
		const display = await signedInWithRealtime(server, STAFF.display.email);
		const received: { payload: { record: { calls_waiting: number } } }[] = [];
		const statuses: string[] = [];
		const channel = display
			.channel(wallTopic, { config: { private: true } })
			.on('broadcast', { event: 'queue_live' }, (m) => received.push(m as unknown as (typeof received)[number]));
		channel.subscribe((status) => statuses.push(status));
		await waitFor(() => statuses.includes('SUBSCRIBED'), 5_000, 'first join');

		await server.restart();
		// realtime-js reconnects with backoff (1 s, 2 s, …) and rejoins its channels.
		await waitFor(() => display.realtime.isConnected() && channel.state === 'joined', 15_000, 'rejoin');

		const write = await server
			.service()
			.from('queue_live')
			.update({ calls_waiting: 7, oldest_waiting_since: new Date().toISOString() })
			.eq('queue_id', QUEUE.afterSales);
		expect(write.error).toBeNull();
		await waitFor(() => received.some((m) => m.payload.record.calls_waiting === 7), 2_000, 'broadcast after restart');
		await display.removeChannel(channel);
	}, 30_000);

	it('survives garbage frames and a flood of joins', async () => {
		const url = `${server.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${server.keys.anon_key}&vsn=1.0.0`;
		const socket = new WebSocket(url);
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		const replies: string[] = [];
		socket.on('message', (data: Buffer) => replies.push(data.toString()));
		socket.send('not json at all');
		socket.send(Buffer.from([0xff, 0x00, 0x13, 0x37]));
		socket.send(JSON.stringify({ topic: 'realtime:x', event: 'no_such_event', payload: {}, ref: '1' }));
		for (let i = 0; i < 300; i++) {
			socket.send(
				JSON.stringify({
					topic: `realtime:flood-${i}`,
					event: 'phx_join',
					payload: { config: { private: false } },
					ref: String(i + 2),
					join_ref: String(i + 2)
				})
			);
		}
		await waitFor(() => replies.length > 0 || socket.readyState === WebSocket.CLOSED, 5_000, 'a reply or a close');
		socket.close();

		// The server still serves everyone else.
		const client = await signedInWithRealtime(server, STAFF.display.email);
		const channel = client.channel(wallTopic, { config: { private: true } });
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
		expect((await client.from('queues').select('id')).data).toHaveLength(4);
		await client.removeChannel(channel);
	});
});
