// The realtime server driven by the real supabase-js client (realtime-js
// 2.109, `ws` transport) over a migrated, seeded database: private-channel
// authorization by realtime.messages policies, Broadcast from Database,
// client broadcast, presence, Postgres Changes refused, both vsn, tokens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../keys.ts';
import { DEMO_SITE, QUEUE, STAFF } from '../../tests/support/demo.ts';
import { subscribe } from '../../tests/support/subscribe.ts';
import { startTestApi, type Client, type TestApi } from '../../tests/support/test-api.ts';
import { waitFor } from '../../tests/support/wait-for.ts';

const WALL = `wall:${DEMO_SITE}`;
const DISPLAY = STAFF.display.userId;
const SUPERVISOR = STAFF.supervisor.userId;
/** A user who is a member of no site. */
const OUTSIDER = 'a0000000-0000-4000-8000-0000000009aa';

let server: TestApi;

beforeAll(async () => {
	// It logs the channels it shuts down when a spec's token expires, as it should.
	server = await startTestApi({ modules: ['realtime'], expectLogs: true });
	await server.db.query(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at)
		values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', 'outsider@example.test', '', now(), now(), now())`,
		[OUTSIDER]
	);
	// A topic family members may read but never write, to see write authorization refuse.
	await server.db.exec(`create policy "spec: authenticated may read readonly topics" on realtime.messages
		for select to authenticated using (realtime.topic() like 'readonly:%')`);
});

afterEach(async () => {
	await server.closeClients();
});

afterAll(async () => {
	await server?.close();
});

const token = (userId: string, expiresInS?: number) => server.token(userId, expiresInS);

async function client(accessToken?: string, vsn: '1.0.0' | '2.0.0' = '2.0.0'): Promise<Client> {
	const c = server.anon({ realtime: { vsn } });
	if (accessToken) await c.realtime.setAuth(accessToken);
	return c;
}

/** What realtime-js hands a broadcast listener. */
interface BroadcastMessage {
	event: string;
	payload?: Record<string, unknown>;
	meta?: { id: string };
}

describe('private channel authorization', () => {
	it('lets the display join its site wall', async () => {
		const display = await client(token(DISPLAY));
		const { status } = await subscribe(display.channel(WALL, { config: { private: true } }));
		expect(status).toBe('SUBSCRIBED');
	});

	it('refuses a user who is not a member, with Realtime’s reason', async () => {
		const outsider = await client(token(OUTSIDER));
		const { status, error } = await subscribe(outsider.channel(WALL, { config: { private: true } }));
		expect(status).toBe('CHANNEL_ERROR');
		expect(error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${WALL}`);
	});

	it('refuses the anon key', async () => {
		const anon = await client();
		const { status, error } = await subscribe(anon.channel(WALL, { config: { private: true } }));
		expect(status).toBe('CHANNEL_ERROR');
		expect(error?.message).toMatch(/^Unauthorized:/);
	});

	it('needs no policy for a public channel of the same name', async () => {
		const anon = await client();
		expect((await subscribe(anon.channel(WALL))).status).toBe('SUBSCRIBED');
	});
});

describe('Broadcast from Database', () => {
	it('delivers realtime.send rows to private joiners within 1 s, not to public ones', async () => {
		const display = await client(token(DISPLAY));
		const privateGot: BroadcastMessage[] = [];
		const publicGot: BroadcastMessage[] = [];
		const privateChannel = display
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'ping' }, (m) => privateGot.push(m));
		const anon = await client();
		const publicChannel = anon.channel(WALL).on('broadcast', { event: '*' }, (m) => publicGot.push(m));
		expect((await subscribe(privateChannel)).status).toBe('SUBSCRIBED');
		expect((await subscribe(publicChannel)).status).toBe('SUBSCRIBED');

		const started = Date.now();
		await server.db.query(`select realtime.send('{"n": 1}'::jsonb, 'ping', $1, true)`, [WALL]);
		await waitFor(() => privateGot.length === 1, 1_000, 'the private broadcast');
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(privateGot[0]?.payload).toMatchObject({ n: 1 });
		expect(privateGot[0]?.meta?.id).toMatch(/^[0-9a-f-]{36}$/);

		await server.db.query(`select realtime.send('{"n": 2}'::jsonb, 'ping', $1, false)`, [WALL]);
		await waitFor(() => publicGot.length === 1, 1_000, 'the public broadcast');
		expect(publicGot[0]?.payload).toMatchObject({ n: 2 });
		expect(privateGot).toHaveLength(1);
	});

	it('relays the queue_live trigger’s broadcast when a live row changes', async () => {
		const display = await client(token(DISPLAY));
		const got: BroadcastMessage[] = [];
		const channel = display
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'queue_live' }, (m) => got.push(m));
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
		const started = Date.now();
		await server.db.query(
			`insert into public.queue_live (queue_id, site_id, calls_waiting, oldest_waiting_since)
			values ($1, $2, 4, now())
			on conflict (queue_id) do update set calls_waiting = 4, oldest_waiting_since = now()`,
			[QUEUE.sales, DEMO_SITE]
		);
		await waitFor(() => got.length > 0, 1_000, 'the queue_live broadcast');
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(got[0]?.payload).toMatchObject({ table: 'queue_live', record: { calls_waiting: 4, queue_id: QUEUE.sales } });
	});

	it('keeps a burst of rows from one transaction in order', async () => {
		const display = await client(token(DISPLAY));
		const got: number[] = [];
		const channel = display
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'burst' }, (m: BroadcastMessage) => got.push(Number(m.payload?.i)));
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
		await server.db.query(
			`select realtime.send(jsonb_build_object('i', i), 'burst', $1, true) from generate_series(1, 120) as i`,
			[WALL]
		);
		await waitFor(() => got.length === 120, 3_000, '120 broadcasts');
		expect(got).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
	});
});

describe('client broadcast', () => {
	it('relays to the other joiners, to self when asked, and acks', async () => {
		const [a, b] = [await client(), await client()];
		const gotA: unknown[] = [];
		const gotB: unknown[] = [];
		const channelA = a
			.channel('room-1', { config: { broadcast: { self: true, ack: true } } })
			.on('broadcast', { event: 'note' }, (m) => gotA.push(m.payload));
		const channelB = b.channel('room-1').on('broadcast', { event: 'note' }, (m) => gotB.push(m.payload));
		expect((await subscribe(channelA)).status).toBe('SUBSCRIBED');
		expect((await subscribe(channelB)).status).toBe('SUBSCRIBED');

		expect(await channelA.send({ type: 'broadcast', event: 'note', payload: { text: '早会 9:00' } })).toBe('ok');
		await waitFor(() => gotA.length === 1 && gotB.length === 1, 2_000, 'both copies');
		expect(gotA[0]).toEqual({ text: '早会 9:00' });
		expect(gotB[0]).toEqual({ text: '早会 9:00' });

		// B did not ask for self: its own message reaches only A.
		await channelB.send({ type: 'broadcast', event: 'note', payload: { from: 'b' } });
		await waitFor(() => gotA.length === 2, 2_000, 'B’s message at A');
		expect(gotB).toHaveLength(1);
	});

	it('drops a private broadcast the policies do not allow, without an ack', async () => {
		const display = await client(token(DISPLAY));
		const watcher = await client(token(SUPERVISOR));
		const seen: unknown[] = [];
		const sender = display.channel(WALL, { config: { private: true, broadcast: { ack: true, self: true } } });
		const receiver = watcher
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'note' }, (m) => seen.push(m));
		expect((await subscribe(sender)).status).toBe('SUBSCRIBED');
		expect((await subscribe(receiver)).status).toBe('SUBSCRIBED');
		expect(await sender.send({ type: 'broadcast', event: 'note', payload: {} }, { timeout: 500 })).toBe('timed out');
		expect(seen).toEqual([]);
	});

	it('relays a private broadcast for the service role, which bypasses the policies', async () => {
		const service = await client(server.keys.service_role_key);
		const display = await client(token(DISPLAY));
		const seen: unknown[] = [];
		const sender = service.channel(WALL, { config: { private: true, broadcast: { ack: true } } });
		const receiver = display
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'notice' }, (m) => seen.push(m.payload));
		expect((await subscribe(sender)).status).toBe('SUBSCRIBED');
		expect((await subscribe(receiver)).status).toBe('SUBSCRIBED');
		expect(await sender.send({ type: 'broadcast', event: 'notice', payload: { v: 1 } })).toBe('ok');
		await waitFor(() => seen.length === 1, 2_000, 'the service broadcast');
	});
});

describe('presence', () => {
	it('syncs two displays on the private wall and sees one leave', async () => {
		// Two TVs signed in with the site's one display account, as a floor usually runs them.
		const [tvA, tvB] = [await client(token(DISPLAY)), await client(token(DISPLAY))];
		const a = tvA.channel(WALL, { config: { private: true, presence: { key: 'tv-a' } } });
		const b = tvB.channel(WALL, { config: { private: true, presence: { key: 'tv-b' } } });
		a.on('presence', { event: 'sync' }, () => {});
		b.on('presence', { event: 'sync' }, () => {});
		expect((await subscribe(a)).status).toBe('SUBSCRIBED');
		expect(await a.track({ board: 'overview' })).toBe('ok');
		expect((await subscribe(b)).status).toBe('SUBSCRIBED');
		expect(await b.track({ board: 'agents' })).toBe('ok');
		await waitFor(() => Object.keys(a.presenceState()).length === 2, 3_000, 'presence on A');
		await waitFor(() => Object.keys(b.presenceState()).length === 2, 3_000, 'presence on B');
		expect(b.presenceState()['tv-a']?.[0]).toMatchObject({ board: 'overview' });

		await tvB.removeChannel(b);
		await waitFor(() => Object.keys(a.presenceState()).length === 1, 3_000, 'the leave at A');
		expect(Object.keys(a.presenceState())).toEqual(['tv-a']);
	});

	it('tracks on public channels without a policy and refuses where only reading is allowed', async () => {
		const anon = await client();
		const lobby = anon.channel('lobby', { config: { presence: { key: 'me' } } });
		lobby.on('presence', { event: 'sync' }, () => {});
		expect((await subscribe(lobby)).status).toBe('SUBSCRIBED');
		expect(await lobby.track({ here: true })).toBe('ok');
		await waitFor(() => Object.keys(lobby.presenceState()).includes('me'), 2_000, 'own presence');

		// A topic whose policies grant reading only: joining works, tracking does not.
		const display = await client(token(DISPLAY));
		const readOnly = display.channel('readonly:1', { config: { private: true, presence: { key: 'tv' } } });
		readOnly.on('presence', { event: 'sync' }, () => {});
		expect((await subscribe(readOnly)).status).toBe('SUBSCRIBED');
		expect(await readOnly.track({ board: 'x' })).toBe('error');
		expect(readOnly.presenceState()).toEqual({});
	});
});

describe('joins the server refuses', () => {
	it('refuses Postgres Changes, which this server does not have', async () => {
		const anon = await client();
		const channel = anon
			.channel('changes')
			.on('postgres_changes', { event: '*', schema: 'public', table: 'queue_live' }, () => {});
		const { status, error } = await subscribe(channel);
		expect(status).toBe('CHANNEL_ERROR');
		expect(error?.message).toMatch(/^Unable to subscribe to changes with given parameters/);
		expect(error?.message).toContain('table: queue_live');
	});

	it('refuses an expired token', async () => {
		const expired = await client(token(DISPLAY, -30));
		const { status, error } = await subscribe(expired.channel(WALL, { config: { private: true } }));
		expect(status).toBe('CHANNEL_ERROR');
		expect(error?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);
	});

	it('refuses a token signed with another secret', async () => {
		const forged = signJwt(
			{ sub: DISPLAY, role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 },
			'x'.repeat(40)
		);
		const c = await client(forged);
		const { error } = await subscribe(c.channel(WALL, { config: { private: true } }));
		expect(error?.message).toBe('JwtSignatureError: Failed to validate JWT signature');
	});
});

describe('tokens on a joined channel', () => {
	function watch(c: Client, topic: string) {
		const system: Record<string, unknown>[] = [];
		const statuses: string[] = [];
		const channel = c
			.channel(topic, { config: { private: true } })
			.on('system', {}, (m: Record<string, unknown>) => system.push(m));
		channel.subscribe((status) => statuses.push(status));
		return { channel, system, statuses };
	}

	it('closes the channel when its token expires', async () => {
		const c = await client(token(DISPLAY, 2));
		const { system, statuses } = watch(c, WALL);
		await waitFor(() => statuses.includes('SUBSCRIBED'), 3_000, 'the join');
		await waitFor(() => statuses.includes('CLOSED'), 4_000, 'the channel to close');
		expect(system[0]).toMatchObject({ extension: 'system', status: 'error', channel: WALL });
		expect(system[0]?.message).toMatch(/^Token has expired \d+ seconds ago$/);
	});

	it('closes the channel when an expired access_token arrives', async () => {
		const c = await client(token(DISPLAY));
		const { system, statuses } = watch(c, WALL);
		await waitFor(() => statuses.includes('SUBSCRIBED'), 3_000, 'the join');
		await c.realtime.setAuth(token(DISPLAY, -5));
		await waitFor(() => statuses.includes('CLOSED'), 3_000, 'the channel to close');
		expect(system[0]?.message).toMatch(/^Token has expired \d+ seconds ago$/);
	});

	it('keeps the channel on a valid new token and closes it when the new user may not read', async () => {
		const c = await client(token(DISPLAY));
		const { system, statuses } = watch(c, WALL);
		await waitFor(() => statuses.includes('SUBSCRIBED'), 3_000, 'the join');
		await c.realtime.setAuth(token(DISPLAY, 7200));
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(statuses).not.toContain('CLOSED');

		await c.realtime.setAuth(token(OUTSIDER));
		await waitFor(() => statuses.includes('CLOSED'), 3_000, 'the channel to close');
		expect(system[0]?.message).toBe(`You do not have permissions to read from this Channel topic: ${WALL}`);
	});
});

describe('vsn 1.0.0', () => {
	it('joins, receives database and client broadcasts as JSON', async () => {
		const display = await client(token(DISPLAY), '1.0.0');
		const got: BroadcastMessage[] = [];
		const wall = display
			.channel(WALL, { config: { private: true } })
			.on('broadcast', { event: 'v1' }, (m) => got.push(m));
		const room = display
			.channel('room-v1', { config: { broadcast: { self: true, ack: true } } })
			.on('broadcast', { event: 'hello' }, (m) => got.push(m));
		expect((await subscribe(wall)).status).toBe('SUBSCRIBED');
		expect((await subscribe(room)).status).toBe('SUBSCRIBED');
		await server.db.query(`select realtime.send('{"k": "v"}'::jsonb, 'v1', $1, true)`, [WALL]);
		await waitFor(() => got.length === 1, 1_000, 'the database broadcast');
		expect(got[0]).toMatchObject({ event: 'v1', payload: { k: 'v' }, meta: { id: expect.any(String) as string } });
		expect(await room.send({ type: 'broadcast', event: 'hello', payload: { x: 1 } })).toBe('ok');
		await waitFor(() => got.length === 2, 1_000, 'the client broadcast');
		expect(got[1]).toMatchObject({ event: 'hello', payload: { x: 1 } });
	});
});
