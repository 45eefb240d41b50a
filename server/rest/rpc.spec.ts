// /rest/v1/rpc driven by the real supabase-js, against functions this spec
// creates as the database owner in schema public (execute granted to
// authenticated only, as the migrations' default privileges require).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { DEMO_SITE, demoAgent, QUEUE, STAFF, TEAM } from '../../tests/support/demo.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';

const MANAGER = STAFF.manager.userId;
const SUPERVISOR = STAFF.supervisor.userId;
const AGENT01 = demoAgent(1).userId;

type AgentRow = Database['public']['Tables']['agents']['Row'];
type NoArgs = Record<string, never>;

/** The app's schema plus this spec's functions, so the client is typed end to end. */
type TestDatabase = {
	__InternalSupabase: Database['__InternalSupabase'];
	public: Omit<Database['public'], 'Functions'> & {
		Functions: {
			queue_count: { Args: { site: string }; Returns: number };
			team_agents: { Args: { team: string }; Returns: AgentRow[] };
			sum_body: { Args: { x: number; y: number }; Returns: number };
			count_ids: { Args: { ids: number[] }; Returns: number };
			touch_queue: { Args: { q: string; threshold: number }; Returns: undefined };
			refuse: { Args: NoArgs; Returns: number };
			whoami: { Args: NoArgs; Returns: string };
			pair: { Args: NoArgs; Returns: { a: number; b: string } };
			squares: { Args: { n: number }; Returns: number[] };
			late: { Args: NoArgs; Returns: string };
			no_such_function: { Args: NoArgs; Returns: null };
		};
	};
};

let s: TestApi<TestDatabase>;

beforeAll(async () => {
	s = await startTestApi<TestDatabase>({ modules: ['rest'] });
	await s.db.exec(`
		create function public.queue_count(site uuid) returns integer
		language sql stable as $$ select count(*)::integer from public.queues where site_id = site $$;
		create function public.team_agents(team uuid) returns setof public.agents
		language sql stable as $$ select * from public.agents where team_id = team $$;
		create function public.sum_body(json) returns integer
		language sql immutable as $$ select ($1 ->> 'x')::integer + ($1 ->> 'y')::integer $$;
		create function public.count_ids(ids integer[]) returns integer
		language sql immutable as $$ select cardinality(ids) $$;
		create function public.touch_queue(q uuid, threshold integer) returns void
		language sql as $$ update public.queues set sl_threshold_s = threshold where id = q $$;
		create function public.refuse() returns integer language plpgsql as $$
		begin raise exception 'I refuse!' using detail = 'Pretty simple', hint = 'There is nothing you can do.'; end $$;
		create function public.whoami() returns text language sql stable as $$ select auth.uid()::text $$;
		create function public.pair(out a integer, out b text) language sql immutable as $$ select 1, 'x' $$;
		create function public.squares(n integer) returns setof integer
		language sql immutable as $$ select i * i from generate_series(1, n) as i $$;
		grant execute on function public.queue_count(uuid), public.team_agents(uuid), public.sum_body(json),
			public.count_ids(integer[]), public.touch_queue(uuid, integer), public.refuse(), public.whoami(),
			public.pair(), public.squares(integer) to authenticated;
		-- Per-schema default privileges cannot take away the global EXECUTE for PUBLIC, so revoke it here.
		revoke execute on function public.queue_count(uuid) from public, anon;`);
});
afterAll(async () => {
	await s?.close();
});

describe('calling functions', () => {
	it('passes named arguments in a POST body or in the query string', async () => {
		const posted = await s.as(SUPERVISOR).rpc('queue_count', { site: DEMO_SITE });
		expect(posted).toMatchObject({ status: 200, data: 4, error: null });
		const got = await s.as(SUPERVISOR).rpc('queue_count', { site: DEMO_SITE }, { get: true });
		expect(got).toMatchObject({ status: 200, data: 4 });
		expect((await s.as(SUPERVISOR).rpc('count_ids', { ids: [1, 2, 3] })).data).toBe(3);
		expect((await s.as(SUPERVISOR).rpc('count_ids', { ids: [4, 5] }, { get: true })).data).toBe(2);
	});

	it('gives the whole body to a function with one unnamed json parameter', async () => {
		expect((await s.as(SUPERVISOR).rpc('sum_body', { x: 4, y: 2 })).data).toBe(6);
	});

	it('returns scalars, sets, composite objects and nothing for void', async () => {
		expect(await s.as(AGENT01).rpc('whoami')).toMatchObject({ status: 200, data: AGENT01 });
		expect((await s.as(SUPERVISOR).rpc('squares', { n: 4 })).data).toEqual([1, 4, 9, 16]);
		expect((await s.as(SUPERVISOR).rpc('pair')).data).toEqual({ a: 1, b: 'x' });
		const touched = await s.as(MANAGER).rpc('touch_queue', { q: QUEUE.afterSales, threshold: 21 });
		expect(touched).toMatchObject({ status: 204, data: null, error: null });
		const queue = await s.as(MANAGER).from('queues').select('sl_threshold_s').eq('id', QUEUE.afterSales).single();
		expect(queue.data).toEqual({ sl_threshold_s: 21 });
	});

	it('filters, orders, limits and counts table-valued results, under the caller’s RLS', async () => {
		const rows = await s
			.as(SUPERVISOR)
			.rpc('team_agents', { team: TEAM.hotlineB }, { count: 'exact' })
			.select('employee_no')
			.gte('employee_no', 'E015')
			.order('employee_no', { ascending: false })
			.limit(3);
		expect(rows).toMatchObject({ count: 6, status: 206 });
		expect(rows.data).toEqual([{ employee_no: 'E020' }, { employee_no: 'E019' }, { employee_no: 'E018' }]);
		// An agent of team 1 cannot see team 2, also not through a security invoker function.
		expect((await s.as(AGENT01).rpc('team_agents', { team: TEAM.hotlineB })).data).toEqual([]);
	});

	it('finds functions created after the schema cache was loaded', async () => {
		await s.db.exec(`create function public.late() returns text language sql as $$ select 'here' $$;
			grant execute on function public.late() to authenticated;`);
		expect(await s.as(SUPERVISOR).rpc('late')).toMatchObject({ status: 200, data: 'here' });
	});
});

describe('RPC errors', () => {
	it('answers 404 PGRST202 for unknown functions or argument names', async () => {
		const unknown = await s.as(SUPERVISOR).rpc('no_such_function');
		expect(unknown.status).toBe(404);
		expect(unknown.error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.no_such_function without parameters in the schema cache'
		});
		const wrongArgs = await s.as(SUPERVISOR).rpc('queue_count', { place: DEMO_SITE } as never);
		expect(wrongArgs.error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.queue_count(place) in the schema cache',
			hint: 'Perhaps you meant to call the function public.queue_count(site => pg_catalog.uuid)'
		});
	});

	it('refuses execution without the grant: 401 for anon', async () => {
		const anon = await s.anon().rpc('queue_count', { site: DEMO_SITE });
		expect(anon).toMatchObject({
			status: 401,
			error: { code: '42501', message: 'permission denied for function queue_count' }
		});
	});

	it('runs GET calls read-only, so writing functions answer 405', async () => {
		const write = await s.as(MANAGER).rpc('touch_queue', { q: QUEUE.afterSales, threshold: 22 }, { get: true });
		expect(write).toMatchObject({ status: 405, error: { code: '25006' } });
	});

	it('forwards raised exceptions with their detail and hint', async () => {
		const refused = await s.as(SUPERVISOR).rpc('refuse');
		expect(refused.status).toBe(400);
		expect(refused.error).toEqual({
			code: 'P0001',
			message: 'I refuse!',
			details: 'Pretty simple',
			hint: 'There is nothing you can do.'
		});
	});

	it('allows only GET, HEAD and POST', async () => {
		const res = await s.restFetch('/rpc/queue_count', { method: 'PATCH', body: '{}' });
		expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([405, 'PGRST101']);
	});
});
