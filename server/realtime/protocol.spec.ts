// The wire protocol by hand, where supabase-js cannot go: refused upgrades,
// vsn 1.0.0 and 2.0.0 frames, heartbeats, unmatched topics, garbage frames,
// join floods and channel limits, idle sockets, presence rate limits,
// pruning of realtime.messages, and close().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../keys.ts';
import { ChannelRegistry } from './channels.ts';
import { startDbBroadcast } from './db-broadcast.ts';
import { DEFAULT_OPTIONS } from './hub.ts';
import { DEMO_SITE, STAFF } from '../../tests/support/demo.ts';
import { RawSocket, refusedUpgrade } from '../../tests/support/raw-socket.ts';
import { specContext } from '../../tests/support/server-context.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';

const WALL = `wall:${DEMO_SITE}`;
let server: TestApi;
/** Same database and keys, narrow limits: 3 channels per socket, 5 joins per second, 400 ms idle timeout. */
let strict: TestApi;

beforeAll(async () => {
	// Both log what the specs provoke on purpose: garbage frames, unknown events, floods.
	server = await startTestApi({ modules: ['realtime'], expectLogs: true });
	strict = await startTestApi({
		modules: ['realtime'],
		db: server.db,
		keys: server.keys,
		realtime: { maxChannelsPerSocket: 3, maxJoinsPerSecond: 5, idleTimeoutMs: 400 },
		expectLogs: true
	});
});

afterAll(async () => {
	await strict?.close();
	await server?.close();
});

describe('upgrade', () => {
	it('refuses a missing, forged or expired API key with 401 and Realtime’s message', async () => {
		expect(await refusedUpgrade(server.wsUrl({ vsn: '2.0.0' }))).toEqual({
			status: 401,
			body: JSON.stringify({ error: 'API key is missing' })
		});
		const forged = signJwt({ role: 'anon', exp: Math.floor(Date.now() / 1000) + 60 }, 'y'.repeat(40));
		expect(await refusedUpgrade(server.wsUrl({ apikey: forged }))).toEqual({
			status: 401,
			body: JSON.stringify({ error: 'Failed to validate JWT signature' })
		});
		const expired = signJwt({ role: 'anon', exp: Math.floor(Date.now() / 1000) - 1 }, server.keys.jwt_secret);
		expect((await refusedUpgrade(server.wsUrl({ apikey: expired }))).body).toBe(
			JSON.stringify({ error: 'Token has expired' })
		);
		const noExp = signJwt({ role: 'anon' }, server.keys.jwt_secret);
		expect((await refusedUpgrade(server.wsUrl({ apikey: noExp }))).body).toContain('`role` and `exp` are required');
		expect((await refusedUpgrade(server.wsUrl({ apikey: 'garbage' }))).body).toContain('not a valid JWT');
	});

	it('refuses an unknown protocol version with 403', async () => {
		expect((await refusedUpgrade(server.wsUrl({ apikey: server.keys.anon_key, vsn: '3.0.0' }))).status).toBe(403);
	});
});

describe('vsn 2.0.0 frames', () => {
	it('answers heartbeats, joins, leaves and unmatched topics like Phoenix', async () => {
		const socket = await RawSocket.open(server.wsUrl(), '2.0.0');
		const beat = socket.push('phoenix', 'heartbeat', {});
		expect(await socket.reply(beat)).toEqual({
			joinRef: null,
			ref: beat,
			topic: 'phoenix',
			event: 'phx_reply',
			payload: { status: 'ok', response: {} }
		});

		const unmatched = socket.push('realtime:nowhere', 'broadcast', { type: 'broadcast', event: 'x', payload: {} });
		expect((await socket.reply(unmatched)).payload).toEqual({
			status: 'error',
			response: { reason: 'unmatched topic' }
		});

		const join = socket.push('realtime:room', 'phx_join', { config: { broadcast: { self: true } } }, 'j1');
		expect(await socket.reply(join)).toMatchObject({
			joinRef: 'j1',
			topic: 'realtime:room',
			payload: { status: 'ok', response: { postgres_changes: [] } }
		});

		socket.push('realtime:room', 'broadcast', { type: 'broadcast', event: 'json', payload: { a: 1 } }, 'j1');
		expect(await socket.next((m) => m.event === 'broadcast', 'the JSON broadcast')).toEqual({
			joinRef: null,
			ref: null,
			topic: 'realtime:room',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'json', payload: { a: 1 } }
		});

		const leave = socket.push('realtime:room', 'phx_leave', {}, 'j1');
		expect((await socket.reply(leave)).payload).toEqual({ status: 'ok', response: {} });
		expect(await socket.next((m) => m.event === 'phx_close', 'phx_close')).toMatchObject({
			joinRef: 'j1',
			ref: 'j1',
			topic: 'realtime:room'
		});
		const again = socket.push('realtime:room', 'phx_leave', {}, 'j1');
		expect((await socket.reply(again)).payload).toEqual({ status: 'ok', response: {} });

		const empty = socket.push('realtime:', 'phx_join', {}, 'j2');
		expect((await socket.reply(empty)).payload).toEqual({
			status: 'error',
			response: { reason: 'TopicNameRequired: You must provide a topic name' }
		});
		socket.ws.close();
	});

	it('closes the old channel when a topic is joined again', async () => {
		const socket = await RawSocket.open(server.wsUrl(), '2.0.0');
		await socket.reply(socket.push('realtime:dup', 'phx_join', {}, 'first'));
		const second = socket.push('realtime:dup', 'phx_join', {}, 'second');
		expect(await socket.next((m) => m.event === 'phx_close', 'close of the first join')).toMatchObject({
			joinRef: 'first'
		});
		expect((await socket.reply(second)).payload).toMatchObject({ status: 'ok' });
		socket.ws.close();
	});
});

describe('vsn 1.0.0 frames', () => {
	it('speaks JSON objects without join_ref, broadcasts included', async () => {
		const socket = await RawSocket.open(server.wsUrl({ apikey: server.keys.anon_key, vsn: '1.0.0' }), '1.0.0');
		const beat = socket.push('phoenix', 'heartbeat', {});
		expect(await socket.reply(beat)).toEqual({
			topic: 'phoenix',
			event: 'phx_reply',
			payload: { status: 'ok', response: {} },
			ref: beat
		});
		const token = server.token(STAFF.display.userId);
		const join = socket.push(
			WALL.replace(/^/, 'realtime:'),
			'phx_join',
			{ config: { private: true }, access_token: token },
			'1'
		);
		expect((await socket.reply(join)).payload).toMatchObject({ status: 'ok' });
		await server.db.query(`select realtime.send('{"v": 1}'::jsonb, 'from_db', $1, true)`, [WALL]);
		const message = await socket.next((m) => m.event === 'broadcast', 'the database broadcast');
		expect(message).toMatchObject({
			topic: `realtime:${WALL}`,
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'from_db', payload: { v: 1 } },
			ref: null
		});
		expect(Object.keys(message)).not.toContain('joinRef');
		socket.ws.close();
	});
});

describe('abuse', () => {
	it('ignores garbage and unknown events, and closes a socket that floods joins', async () => {
		const socket = await RawSocket.open(strict.wsUrl({ apikey: server.keys.anon_key, vsn: '2.0.0' }), '2.0.0');
		socket.ws.send('not json at all');
		socket.ws.send(Buffer.from([0xff, 0x00, 0x13, 0x37]));
		socket.ws.send(Buffer.from([3, 250, 250, 250, 250, 250, 1]));
		socket.ws.send('[1, 2]');
		const join = socket.push('realtime:flood-0', 'phx_join', {}, 'f0');
		expect((await socket.reply(join)).payload).toMatchObject({ status: 'ok' });
		// Realtime ignores unexpected events on a joined channel: no reply, channel still there.
		socket.push('realtime:flood-0', 'no_such_event', {}, 'f0');
		const beat = socket.push('phoenix', 'heartbeat', {});
		await socket.reply(beat);
		expect(socket.received.filter((m) => m.event === 'phx_reply')).toHaveLength(2);

		for (let i = 1; i <= 300; i++) socket.push(`realtime:flood-${i}`, 'phx_join', {}, `f${i}`);
		const refusal = await socket.next(
			(m) => (m.payload?.response as { reason?: string } | undefined)?.reason?.startsWith('ClientJoin') === true,
			'the join-rate refusal'
		);
		expect(refusal.payload).toEqual({
			status: 'error',
			response: { reason: 'ClientJoinRateLimitReached: Too many joins per second' }
		});
		expect(await socket.closed()).toBe(1000);
		const tooMany = socket.received.find(
			(m) =>
				(m.payload?.response as { reason?: string } | undefined)?.reason ===
				'ChannelRateLimitReached: Too many channels'
		);
		expect(tooMany).toBeDefined();

		// Everyone else is still served.
		const other = await RawSocket.open(strict.wsUrl({ apikey: server.keys.anon_key, vsn: '2.0.0' }), '2.0.0');
		expect((await other.reply(other.push('realtime:ok', 'phx_join', {}, 'o1'))).payload).toMatchObject({
			status: 'ok'
		});
		other.ws.close();
	});

	it('closes sockets that stop sending, keeps those that heartbeat', async () => {
		const quiet = await RawSocket.open(strict.wsUrl({ apikey: server.keys.anon_key, vsn: '2.0.0' }), '2.0.0');
		const lively = await RawSocket.open(strict.wsUrl({ apikey: server.keys.anon_key, vsn: '2.0.0' }), '2.0.0');
		const beating = setInterval(() => lively.push('phoenix', 'heartbeat', {}), 100);
		try {
			expect(await quiet.closed(2_000)).toBe(1000);
			expect(lively.closeCode).toBeUndefined();
		} finally {
			clearInterval(beating);
			lively.ws.close();
		}
	});

	it('shuts a channel down when the client floods presence', async () => {
		const socket = await RawSocket.open(server.wsUrl(), '2.0.0');
		await socket.reply(
			socket.push('realtime:busy', 'phx_join', { config: { presence: { key: 'k', enabled: true } } }, 'b')
		);
		expect(await socket.next((m) => m.event === 'presence_state', 'presence_state')).toMatchObject({ payload: {} });
		for (let i = 0; i < 6; i++)
			socket.push('realtime:busy', 'presence', { type: 'presence', event: 'track', payload: { i } }, 'b');
		const system = await socket.next((m) => m.event === 'system', 'the system message');
		expect(system).toMatchObject({
			joinRef: 'b',
			topic: 'realtime:busy',
			payload: { extension: 'system', status: 'error', message: 'Client presence rate limit exceeded', channel: 'busy' }
		});
		await socket.next((m) => m.event === 'phx_close', 'phx_close');
		const diffs = socket.received.filter((m) => m.event === 'presence_diff');
		// Five tracks got through: one join, then four updates; the sixth closed the channel.
		expect(diffs).toHaveLength(5);
		expect(diffs[4]?.payload).toMatchObject({ joins: { k: { metas: [{ i: 4 }] } } });
		socket.ws.close();
	});
});

describe('realtime.messages housekeeping', () => {
	it('prunes rows older than the retention', async () => {
		await server.db.query(
			`insert into realtime.messages (topic, extension, event, payload, inserted_at)
			values ('old', 'broadcast', 'e', '{}', now() - interval '2 hours'), ('new', 'broadcast', 'e', '{}', now())`
		);
		const { ctx } = specContext({ db: server.db, keys: server.keys, log: () => {} });
		const hub = { ctx, registry: new ChannelRegistry(), options: DEFAULT_OPTIONS };
		const broadcasts = await startDbBroadcast(hub);
		try {
			expect(await broadcasts.prune()).toBeGreaterThanOrEqual(1);
			const { rows } = await server.db.query<{ topic: string }>(
				`select topic from realtime.messages where topic in ('old', 'new')`
			);
			expect(rows.map((r) => r.topic)).toEqual(['new']);
		} finally {
			await broadcasts.stop();
		}
	});
});

describe('close()', () => {
	it('ends every socket with 1001 and refuses new upgrades', async () => {
		const own = await startTestApi({ modules: ['realtime'], db: server.db });
		const a = await RawSocket.open(own.wsUrl(), '2.0.0');
		const b = await RawSocket.open(own.wsUrl({ apikey: own.keys.anon_key, vsn: '1.0.0' }), '1.0.0');
		await a.reply(a.push('realtime:x', 'phx_join', {}, '1'));
		await own.realtime?.close();
		expect(await a.closed()).toBe(1001);
		expect(await b.closed()).toBe(1001);
		expect((await refusedUpgrade(own.wsUrl())).status).toBe(503);
		await own.close();
	});
});
