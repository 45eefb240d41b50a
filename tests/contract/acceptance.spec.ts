// The server issue's acceptance script: a wall display signs in, reads
// queue_live, joins its private wall topic and receives a broadcast within
// 1 s of a write to a live table made with the service key; an agent of
// another site and an anonymous client are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE, QUEUE, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type Client, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const OTHER_SITE = '5a000000-0000-4000-8000-0000000000ff';
const OTHER_TEAM = '7e000000-0000-4000-8000-0000000000ff';
const OTHER_USER = 'a0000000-0000-4000-8000-0000000009ff';

describe.each(ENGINES)('acceptance on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
		// A second site with one agent login: a member somewhere, but not here.
		await server.db.exec(`
			insert into public.sites (id, name) values ('${OTHER_SITE}', 'Other Center');
			insert into public.teams (id, site_id, name) values ('${OTHER_TEAM}', '${OTHER_SITE}', 'Other team');`);
		const created = await server.service().auth.admin.createUser({
			id: OTHER_USER,
			email: 'agent@other.local',
			password: 'other-password',
			email_confirm: true
		});
		if (created.error) throw created.error;
		await server.db.exec(
			`insert into public.members (user_id, site_id, team_id, role) values ('${OTHER_USER}', '${OTHER_SITE}', '${OTHER_TEAM}', 'agent');`
		);
	});
	afterAll(async () => {
		await server?.close();
	});

	async function joinWall(client: Client) {
		const received: unknown[] = [];
		const channel = client
			.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
			.on('broadcast', { event: '*' }, (message) => received.push(message));
		const result = await subscribe(channel);
		return { channel, received, result };
	}

	it('a display reads queue_live and gets a broadcast within 1 s of a service-key write', async () => {
		const display = await server.signedIn(STAFF.display.email);
		const { data, error } = await display.from('queue_live').select('*');
		expect(error).toBeNull();
		expect(Array.isArray(data)).toBe(true);

		await display.realtime.setAuth();
		const { received, result } = await joinWall(display);
		expect(result.status).toBe('SUBSCRIBED');

		const started = Date.now();
		const write = await server.service().from('queue_live').upsert({
			queue_id: QUEUE.sales,
			site_id: DEMO_SITE,
			calls_waiting: 3,
			oldest_waiting_since: new Date().toISOString()
		});
		expect(write.error).toBeNull();
		await waitFor(() => received.length > 0, 1_000, 'the wall broadcast');
		expect(Date.now() - started).toBeLessThan(1_000);
		const message = received[0] as { event: string; payload: { table: string; record: { calls_waiting: number } } };
		expect(message.event).toBe('queue_live');
		expect(message.payload.table).toBe('queue_live');
		expect(message.payload.record.calls_waiting).toBe(3);
	});

	it('an agent of another site is refused the wall and sees none of its rows', async () => {
		const other = server.anon();
		const login = await other.auth.signInWithPassword({ email: 'agent@other.local', password: 'other-password' });
		expect(login.error).toBeNull();
		const { data } = await other.from('queue_live').select('*');
		expect(data).toEqual([]);
		await other.realtime.setAuth();
		const { result } = await joinWall(other);
		expect(result.status).toBe('CHANNEL_ERROR');
		expect(result.error?.message).toMatch(/Unauthorized/);
	});

	it('an anonymous client is refused the wall and sees no rows', async () => {
		const anon = server.anon();
		const { data } = await anon.from('queue_live').select('*');
		expect(data ?? []).toEqual([]);
		const { result } = await joinWall(anon);
		expect(result.status).toBe('CHANNEL_ERROR');
	});
});
