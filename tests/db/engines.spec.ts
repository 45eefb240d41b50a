// The same schema, seed and rules on both engines: PGlite (the embedded
// default) and PostgreSQL 15 (what Supabase runs). Each invariant runs on
// both, and the catalogs are compared, so the two cannot drift apart.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrate';
import type { Db, Queryable } from '../../server/db/types';
import { DEMO_PASSWORD, DEMO_SITE, demoAgent, STAFF } from '../support/demo';
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const DISPLAY = STAFF.display.userId;
const AGENT01 = demoAgent(1).userId;
const AGENT31 = demoAgent(31).userId;
/** A user with no membership at all. */
const STRANGER = 'a0000000-0000-4000-8000-000000000999';

/** Runs fn as an authenticated user, the way the API will: role + JWT claims, rolled back. */
async function asUser<T>(db: Db, sub: string | null, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	let result: T | undefined;
	const rollback = new Error('rollback');
	try {
		await db.transaction(async (tx) => {
			const claims = sub ? { sub, role: 'authenticated' } : { role: 'anon' };
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			await tx.exec(sub ? 'set local role authenticated' : 'set local role anon');
			result = await fn(tx);
			throw rollback;
		});
	} catch (err) {
		if (err !== rollback) throw err;
	}
	return result as T;
}

async function count(tx: Queryable, sql: string, params: unknown[] = []): Promise<number> {
	const { rows } = await tx.query<{ n: string | number }>(`select count(*) as n from (${sql}) s`, params);
	return Number(rows[0]?.n);
}

/** A comparable description of everything our SQL creates. */
async function catalog(db: Db): Promise<Record<string, string[]>> {
	const list = async (sql: string) => (await db.query<{ x: string }>(sql)).rows.map((r) => r.x);
	return {
		columns: await list(`
			select table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
				|| ' ' || coalesce(column_default, '') as x
			from information_schema.columns
			where table_schema in ('public', 'auth', 'realtime', 'app')
			order by 1`),
		policies: await list(`
			select schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' ' || array_to_string(roles, ',') as x
			from pg_policies order by 1`),
		functions: await list(`
			select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
				|| case when p.prosecdef then 'definer' else 'invoker' end as x
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('public', 'auth', 'realtime', 'app')
			order by 1`),
		constraints: await list(`
			select conrelid::regclass::text || ' ' || conname || ' ' || contype::text as x
			from pg_constraint c join pg_namespace n on n.oid = c.connamespace
			-- PostgreSQL 18 (PGlite) also lists not-null constraints (contype n); 15 does not.
			where n.nspname in ('public', 'auth', 'realtime') and c.contype in ('c', 'f', 'p', 'u', 'x')
			order by 1`),
		triggers: await list(`
			select tgrelid::regclass::text || ' ' || tgname as x
			from pg_trigger where not tgisinternal order by 1`),
		grants: await list(`
			select table_schema || '.' || table_name || ' ' || grantee || ' ' || privilege_type as x
			from information_schema.role_table_grants
			where grantee in ('anon', 'authenticated', 'service_role')
			order by 1`)
	};
}

const catalogs: Record<string, Record<string, string[]>> = {};

describe.each(ENGINES)('schema, seed and rules on %s', (engine) => {
	let database: TestDatabase;
	let db: Db;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		db = database.db;
		catalogs[engine] = await catalog(db);
	});

	afterAll(async () => {
		await database?.stop();
	});

	it('re-running the migrations applies nothing new', async () => {
		const again = await migrate(db, { root, seed: true });
		expect(again.applied).toEqual([]);
	});

	it('has row level security on every public table and on realtime.messages', async () => {
		const { rows } = await db.query<{ name: string }>(`
			select c.relnamespace::regnamespace::text || '.' || c.relname as name
			from pg_class c
			where c.relkind in ('r', 'p') and not c.relrowsecurity
				and (c.relnamespace = 'public'::regnamespace or c.oid = 'realtime.messages'::regclass)`);
		expect(rows).toEqual([]);
	});

	it('seeds the demo site with 4 queues, 4 teams, 40 agents and 50 users', async () => {
		expect(await count(db, 'select 1 from public.sites where id = $1', [DEMO_SITE])).toBe(1);
		expect(await count(db, 'select 1 from public.queues')).toBe(4);
		expect(await count(db, 'select 1 from public.teams')).toBe(4);
		expect(await count(db, 'select 1 from public.agents')).toBe(40);
		expect(await count(db, `select 1 from auth.users where email like '%@demo.local'`)).toBe(50);
		expect(await count(db, `select 1 from public.members where role = 'display'`)).toBe(1);
	});

	it('stores demo passwords as bcrypt hashes of the demo password', async () => {
		const { rows } = await db.query<{ ok: boolean; hash: string }>(
			`select encrypted_password = extensions.crypt($1, encrypted_password) as ok, encrypted_password as hash
			from auth.users where email = $2`,
			[DEMO_PASSWORD, STAFF.display.email]
		);
		expect(rows[0]?.ok).toBe(true);
		expect(rows[0]?.hash).toMatch(/^\$2[aby]\$10\$/);
	});

	it('lets a display read its live tables but no customer data', async () => {
		await asUser(db, DISPLAY, async (tx) => {
			expect(await count(tx, 'select 1 from public.queue_live')).toBe(4);
			expect(await count(tx, 'select 1 from public.leads')).toBe(0);
			expect(await count(tx, 'select 1 from public.call_events')).toBe(0);
		});
	});

	it('shows an agent the agents of their own team only', async () => {
		await asUser(db, AGENT01, async (tx) => {
			expect(await count(tx, 'select 1 from public.agents')).toBe(10);
			expect(await count(tx, 'select 1 from public.leads')).toBe(0);
		});
		await asUser(db, AGENT31, async (tx) => {
			expect(await count(tx, 'select 1 from public.leads')).toBe(3);
		});
	});

	it('shows anon nothing', async () => {
		await asUser(db, null, async (tx) => {
			expect(await count(tx, 'select 1 from public.sites')).toBe(0);
			expect(await count(tx, 'select 1 from public.queue_live')).toBe(0);
		});
	});

	it('refuses direct writes to live tables from the API roles', async () => {
		await expect(
			asUser(db, STAFF.admin.userId, (tx) => tx.query('update public.queue_live set calls_waiting = 1'))
		).rejects.toThrow(/permission denied/);
	});

	it('authorizes the wall topic for members of the site only', async () => {
		const topic = `wall:${DEMO_SITE}`;
		await db.query(`select realtime.send('{"probe": true}'::jsonb, 'probe', $1, true)`, [topic]);
		const canRead = (sub: string) =>
			asUser(db, sub, async (tx) => {
				await tx.query(`select set_config('realtime.topic', $1, true)`, [topic]);
				return count(tx, `select 1 from realtime.messages where topic = $1 and extension = 'broadcast'`, [topic]);
			});
		expect(await canRead(DISPLAY)).toBeGreaterThan(0);
		await db.query(
			`insert into auth.users (id, email, aud, role) values ($1, 'stranger@example.com', 'authenticated', 'authenticated')
			on conflict do nothing`,
			[STRANGER]
		);
		expect(await canRead(STRANGER)).toBe(0);
	});

	it('broadcasts a live-row change to the wall topic with a larger version', async () => {
		const before = await db.query<{ version: string }>('select version::text from public.queue_live limit 1');
		const queueId = (await db.query<{ queue_id: string }>('select queue_id from public.queue_live limit 1')).rows[0]
			?.queue_id;
		await db.query('update public.queue_live set calls_waiting = 2, oldest_waiting_since = now() where queue_id = $1', [
			queueId
		]);
		const { rows } = await db.query<{ version: string; topic: string; event: string; record_queue: string }>(
			`select q.version::text, m.topic, m.event, m.payload -> 'record' ->> 'queue_id' as record_queue
			from public.queue_live q, realtime.messages m
			where q.queue_id = $1 and m.event = 'queue_live'
			order by m.inserted_at desc limit 1`,
			[queueId]
		);
		expect(BigInt(rows[0]?.version ?? '0')).toBeGreaterThan(BigInt(before.rows[0]?.version ?? '0'));
		expect(rows[0]).toMatchObject({ topic: `wall:${DEMO_SITE}`, event: 'queue_live', record_queue: queueId });
	});
});

describe('engines in step', () => {
	it('PGlite and PostgreSQL 15 end up with the same tables, policies, functions, constraints, triggers and grants', () => {
		const [a, b] = [catalogs.pglite, catalogs.postgres];
		expect(a).toBeDefined();
		expect(b).toBeDefined();
		for (const key of Object.keys(a ?? {})) {
			expect(a?.[key]?.length, `${key} were listed`).toBeGreaterThan(0);
			expect({ [key]: a?.[key] }).toEqual({ [key]: b?.[key] });
		}
	});
});
