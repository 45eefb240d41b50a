// The per-address realtime limits at the socket: an upgrade over them gets
// Realtime's 429 and {error}; a join over them gets Realtime's
// ClientJoinRateLimitReached reply and the socket is disconnected; refused
// joins cost more, per identity, so a display on the same address still
// joins; X-Forwarded-For counts only from a trusted proxy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import type { RealtimeOptions } from './hub.ts';
import { DEMO_SITE, STAFF } from '../../tests/support/demo.ts';
import { RawSocket, refusedUpgrade } from '../../tests/support/raw-socket.ts';
import { subscribe } from '../../tests/support/subscribe.ts';
import { openTestDatabase, type TestDatabase } from '../../tests/support/test-database.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';
import { waitFor } from '../../tests/support/wait-for.ts';

const WALL = `wall:${DEMO_SITE}`;
let database: TestDatabase;
let db: Db;
const servers: TestApi[] = [];
const sockets: RawSocket[] = [];

beforeAll(async () => {
	database = await openTestDatabase();
	db = database.db;
});
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.ws.close();
	for (const server of servers) await server.closeClients();
});
afterAll(async () => {
	for (const server of servers) await server.close();
	await database?.stop();
});

/** A realtime server with these limits, on the spec's one database. */
async function start(options: Partial<RealtimeOptions>, network: { trustedProxies?: string[] } = {}) {
	const server = await startTestApi({ modules: ['realtime'], db, realtime: options, ...network });
	servers.push(server);
	return server;
}

async function open(server: TestApi, headers: Record<string, string> = {}): Promise<RawSocket> {
	const socket = await RawSocket.open(server.wsUrl({ apikey: server.keys.anon_key, vsn: '1.0.0' }), '1.0.0', headers);
	sockets.push(socket);
	return socket;
}

describe('sockets per address', () => {
	it('refuses one socket too many with 429 and Realtime’s message, and takes it once one closes', async () => {
		const server = await start({ maxSocketsPerAddress: 2 });
		const first = await open(server);
		await open(server);
		expect(await refusedUpgrade(server.wsUrl({ apikey: server.keys.anon_key, vsn: '1.0.0' }))).toEqual({
			status: 429,
			body: JSON.stringify({ error: 'Too many connected users' })
		});
		first.ws.close();
		await first.closed();
		// The server counts the close once its side has seen it.
		let third: RawSocket | undefined;
		for (let i = 0; i < 50 && !third; i++) {
			third = await open(server).catch(async () => {
				await new Promise((r) => setTimeout(r, 20));
				return undefined;
			});
		}
		expect(third?.ws.readyState).toBe(1);
	});

	it('refuses new sockets past the per-second budget', async () => {
		const server = await start({ socketsPerAddress: { burst: 3, perSecond: 0.1 } });
		for (let i = 0; i < 3; i++) (await open(server)).ws.close();
		expect(await refusedUpgrade(server.wsUrl({ apikey: server.keys.anon_key, vsn: '1.0.0' }))).toEqual({
			status: 429,
			body: JSON.stringify({ error: 'Too many new connections per second' })
		});
	});

	it('believes X-Forwarded-For only from a trusted proxy', async () => {
		const direct = await start({ maxSocketsPerAddress: 1 });
		await open(direct, { 'x-forwarded-for': '203.0.113.1' });
		// Not trusted: the header is the client's own text, and both sockets are 127.0.0.1.
		expect((await refusedUpgrade(direct.wsUrl(), { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);

		const proxied = await start({ maxSocketsPerAddress: 1 }, { trustedProxies: ['127.0.0.1'] });
		await open(proxied, { 'x-forwarded-for': '203.0.113.1' });
		await open(proxied, { 'x-forwarded-for': '203.0.113.2' });
		expect((await refusedUpgrade(proxied.wsUrl(), { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
	});
});

/** A private join of the wall as the anon key; the reply's error code, or 'joined'. */
async function privateJoin(socket: RawSocket): Promise<string> {
	const ref = socket.push(`realtime:${WALL}`, 'phx_join', { config: { private: true } }, null);
	const reply = await socket.reply(ref);
	const response = reply.payload?.response as { reason?: string } | undefined;
	return response?.reason?.split(':')[0] ?? 'joined';
}

describe('joins per address', () => {
	it('cuts a flood of refused joins, disconnecting as Realtime does, while a display keeps joining', async () => {
		const server = await start({ joinsPerIdentity: { burst: 30, perSecond: 0.1 }, failedJoinCost: 10 });
		const replies: string[] = [];
		for (let n = 0; n < 10; n++) {
			const socket = await open(server);
			for (let i = 0; i < 3; i++) {
				replies.push(await privateJoin(socket));
				// Cut: the server disconnects the socket after this reply.
				if (replies.at(-1) === 'ClientJoinRateLimitReached') break;
			}
		}
		// 30 tokens at 10 a refusal: three reached the database, the rest were cut before it.
		expect(replies.filter((r) => r === 'Unauthorized')).toHaveLength(3);
		// Every later socket's first join was refused with Realtime's reason, and the socket closed.
		expect(replies.slice(3)).toEqual(Array<string>(9).fill('ClientJoinRateLimitReached'));
		await waitFor(() => sockets.slice(1).every((s) => s.closeCode !== undefined), 3_000, 'the cut sockets to close');

		const display = server.anon();
		await display.realtime.setAuth(server.token(STAFF.display.userId));
		expect((await subscribe(display.channel(WALL, { config: { private: true } }))).status).toBe('SUBSCRIBED');
	});
});
