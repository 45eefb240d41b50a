// REST contract: the real supabase-js (postgrest-js 2.109.0) against
// /rest/v1, signed in as demo users so row-level security decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE, demoAgent, QUEUE, STAFF } from '../support/demo.ts';
import { startTestApi, type Client, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';

describe.each(ENGINES)('rest on %s', (engine) => {
	let server: TestApi;
	let agent01: Client;
	let supervisor: Client;
	let display: Client;
	let manager: Client;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
		[agent01, supervisor, display, manager] = await Promise.all([
			server.signedIn(demoAgent(1).email),
			server.signedIn(STAFF.supervisor.email),
			server.signedIn(STAFF.display.email),
			server.signedIn(STAFF.manager.email)
		]);
		await server.db.exec(`
			create function public.queue_count(site uuid) returns integer
			language sql stable as $$ select count(*)::integer from public.queues where site_id = site $$;
			grant execute on function public.queue_count(uuid) to authenticated;`);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('filters rows by RLS: agents see their team, staff and displays the whole floor', async () => {
		const mine = await agent01.from('agents').select('id, team_id');
		expect(mine.error).toBeNull();
		expect(mine.data).toHaveLength(10);
		expect(new Set(mine.data?.map((a) => a.team_id)).size).toBe(1);
		const all = await supervisor.from('agents').select('id', { count: 'exact' });
		expect(all.count).toBe(40);
		const wall = await display.from('agents').select('id', { count: 'exact', head: true });
		expect(wall.count).toBe(40);
		const leads = await display.from('leads').select('*');
		expect(leads.data).toEqual([]);
	});

	it('supports every filter, or, order, range and count', async () => {
		const q = () => supervisor.from('agents').select('employee_no, display_name, team_id');
		expect((await q().eq('id', demoAgent(1).agentId)).data).toHaveLength(1);
		expect((await q().neq('id', demoAgent(1).agentId)).data).toHaveLength(39);
		expect((await q().gt('id', demoAgent(30).agentId)).data).toHaveLength(10);
		expect((await q().gte('id', demoAgent(30).agentId)).data).toHaveLength(11);
		expect((await q().lt('id', demoAgent(11).agentId)).data).toHaveLength(10);
		expect((await q().lte('id', demoAgent(11).agentId)).data).toHaveLength(11);
		expect(
			(await q().in('id', [demoAgent(1).agentId, demoAgent(2).agentId, 'ac000000-0000-4000-8000-000000000199'])).data
		).toHaveLength(2);
		expect((await q().is('user_id', null)).data).toHaveLength(0);
		expect((await q().not('user_id', 'is', null)).data).toHaveLength(40);
		expect((await q().like('display_name', '%').limit(5)).data).toHaveLength(5);
		expect((await q().ilike('display_name', '%')).data).toHaveLength(40);
		const either = await q().or(`id.eq.${demoAgent(1).agentId},id.eq.${demoAgent(40).agentId}`);
		expect(either.data).toHaveLength(2);
		const ordered = await q().order('id', { ascending: false }).range(0, 2);
		expect(ordered.data).toHaveLength(3);
		const range = await supervisor.from('agents').select('id', { count: 'exact' }).order('id').range(5, 9);
		expect(range.count).toBe(40);
		expect(range.data?.[0]?.id).toBe(demoAgent(6).agentId);
	});

	it('returns one object with single() and PGRST116 when not exactly one row', async () => {
		const one = await supervisor.from('queues').select('id, name').eq('id', QUEUE.sales).single();
		expect(one.error).toBeNull();
		expect(one.data?.id).toBe(QUEUE.sales);
		const many = await supervisor.from('queues').select('id').single();
		expect(many.error?.code).toBe('PGRST116');
		expect(many.status).toBe(406);
		const none = await supervisor
			.from('queues')
			.select('id')
			.eq('id', '9e000000-0000-4000-8000-000000000099')
			.maybeSingle();
		expect(none.error).toBeNull();
		expect(none.data).toBeNull();
	});

	it('writes when policies allow and refuses when they do not', async () => {
		const created = await manager
			.from('queues')
			.insert({ site_id: DEMO_SITE, name: `新线 ${engine}`, direction: 'inbound' })
			.select()
			.single();
		expect(created.error).toBeNull();
		const id = created.data?.id ?? '';
		const renamed = await manager.from('queues').update({ sl_threshold_s: 20 }).eq('id', id).select('sl_threshold_s');
		expect(renamed.data).toEqual([{ sl_threshold_s: 20 }]);
		const upserted = await manager
			.from('queues')
			.upsert({ id, site_id: DEMO_SITE, name: `新线 ${engine}`, sl_threshold_s: 25 }, { onConflict: 'id' })
			.select('sl_threshold_s');
		expect(upserted.data).toEqual([{ sl_threshold_s: 25 }]);

		const refused = await agent01.from('queues').insert({ site_id: DEMO_SITE, name: 'nope' });
		expect(refused.error?.code).toBe('42501');
		expect(refused.status).toBe(403);
		const notMine = await agent01.from('queues').delete().eq('id', id).select();
		expect(notMine.data).toEqual([]);
		const wallWrite = await display.from('queue_live').update({ calls_waiting: 9 }).eq('queue_id', QUEUE.sales);
		expect(wallWrite.error?.code).toBe('42501');

		const deleted = await manager.from('queues').delete().eq('id', id).select('id');
		expect(deleted.data).toEqual([{ id }]);
		const duplicate = await manager.from('queues').insert({ site_id: DEMO_SITE, name: '销售热线 Sales hotline' });
		expect(duplicate.error?.code).toBe('23505');
		expect(duplicate.status).toBe(409);
	});

	it('calls functions by RPC with a body and with GET arguments', async () => {
		const posted = await supervisor.rpc('queue_count' as never, { site: DEMO_SITE } as never);
		expect(posted.error).toBeNull();
		expect(posted.data).toBe(4);
		const got = await supervisor.rpc('queue_count' as never, { site: DEMO_SITE } as never, { get: true });
		expect(got.data).toBe(4);
		const unknown = await supervisor.rpc('no_such_function' as never);
		expect(unknown.error?.code).toBe('PGRST202');
		expect(unknown.status).toBe(404);
	});

	it('answers bad input with PostgREST-shaped errors and keeps the data', async () => {
		const table = await supervisor.from('no_such_table' as 'queues').select('*');
		expect(table.status).toBe(404);
		expect(table.error?.code).toBe('PGRST205');
		const column = await supervisor.from('queues').select('no_such_column');
		expect(column.status).toBe(400);
		expect(column.error?.message).toMatch(/no_such_column/);
		const embedding = await supervisor.from('agents').select('id, teams(name)');
		expect(embedding.status).toBe(400);
		const injection = await supervisor.from('queues').select('id').eq('name', "x'; drop table public.queues; --");
		expect(injection.data).toEqual([]);
		expect((await supervisor.from('queues').select('id')).data).toHaveLength(4);

		const auth = { apikey: server.keys.anon_key, authorization: `Bearer ${server.keys.anon_key}` };
		const badJson = await fetch(`${server.url}/rest/v1/queues`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: '{"name": '
		});
		expect(badJson.status).toBe(400);
		expect(await badJson.json()).toMatchObject({ code: 'PGRST102' });
		const huge = await fetch(`${server.url}/rest/v1/queues`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) })
		});
		expect(huge.status).toBe(413);
		const operator = await fetch(`${server.url}/rest/v1/queues?name=regex.x`, { headers: auth });
		expect(operator.status).toBe(400);
		expect(await operator.json()).toMatchObject({ code: 'PGRST100' });
		const noKey = await fetch(`${server.url}/rest/v1/queues`);
		expect(noKey.status).toBe(401);
		// Still serving after all of it.
		expect((await supervisor.from('queues').select('id')).data).toHaveLength(4);
	});
});
