// The conformance database: built from the committed catalog, it has
// exactly the catalog's objects (read back the same way they were recorded),
// the realtime.messages partitions the realtime service would make, and
// functions that either behave as Supabase documents or refuse to run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db, Queryable } from '../../server/db/types.ts';
import { startPostgres15, type Postgres15 } from '../support/postgres15.ts';
import { loadSupabaseFixture, type Catalog } from './catalog.ts';
import { NO_BODY_SQLSTATE } from './catalog-ddl.ts';
import { extractCatalog } from './extract-catalog.ts';
import { buildSupabaseSchemas } from './supabase-schemas.ts';

const fixture = loadSupabaseFixture();
const USER = 'a0000000-0000-4000-8000-000000000101';

let pg: Postgres15;
let db: Db;
let built: Catalog;
/** Functions that got a body from supabase-functions.sql, as `schema.name`. */
let implemented: string[];

beforeAll(async () => {
	pg = await startPostgres15();
	db = openPostgres(pg.url, { max: 1 });
	await buildSupabaseSchemas(db, fixture);
	built = await extractCatalog(db);
	const { rows } = await db.query<{ name: string }>(
		`select pronamespace::regnamespace || '.' || proname as name from pg_proc
		where pronamespace in ('auth'::regnamespace, 'realtime'::regnamespace)
			and prosrc not like '%has no body in the conformance database%'
		order by 1`
	);
	implemented = rows.map((r) => r.name);
});

afterAll(async () => {
	await db?.close();
	await pg?.stop();
});

/** Runs fn in a transaction that is always rolled back. */
async function undone<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
	let result: T | undefined;
	const rollback = new Error('rollback');
	try {
		await db.transaction(async (tx) => {
			result = await fn(tx);
			throw rollback;
		});
	} catch (err) {
		if (err !== rollback) throw err;
	}
	return result as T;
}

describe('the conformance database', () => {
	it('implements only the functions Callboard executes', () => {
		expect(implemented).toEqual(['auth.role', 'auth.uid', 'realtime.send', 'realtime.topic']);
	});

	it('reads back as the catalog it was built from', () => {
		// Two things cannot be as on Supabase: the user building the database
		// stays the superuser it is, and refusing bodies are PL/pgSQL whatever
		// the language of the function they stand for.
		const asBuilt = (catalog: Catalog): Catalog => ({
			...catalog,
			roles: catalog.roles.map((r) => (r.name === 'postgres' ? { ...r, superuser: true } : r)),
			functions: catalog.functions.map((f) =>
				implemented.includes(`${f.schema}.${f.name}`) ? f : { ...f, language: 'plpgsql' }
			)
		});
		const { postgresMajor: _m, sources: _s, realtimeMessagePartitions: _p, ...catalog } = fixture;
		expect(built).toEqual(asBuilt(catalog));
	});

	it('has the realtime.messages partitions from yesterday to three days ahead', async () => {
		const { rows } = await db.query<{ name: string; owner: string }>(
			`select c.relname as name, c.relowner::regrole::text as owner from pg_inherits i
			join pg_class c on c.oid = i.inhrelid where i.inhparent = 'realtime.messages'::regclass order by 1`
		);
		const day = (offset: number) => {
			const d = new Date(Date.now() + offset * 86_400_000);
			return `messages_${d.toISOString().slice(0, 10).replaceAll('-', '_')}`;
		};
		expect(rows).toEqual([-1, 0, 1, 2, 3].map((o) => ({ name: day(o), owner: 'supabase_realtime_admin' })));
	});

	it('refuses to run a function it has no body for, naming it', async () => {
		const failure = await db.query('select auth.jwt()').then(
			() => undefined,
			(err: unknown) => err as { code?: string; message?: string }
		);
		expect(failure?.code).toBe(NO_BODY_SQLSTATE);
		expect(failure?.message).toBe('auth.jwt() has no body in the conformance database');
	});

	it('reads the user and role of a request from its JWT claims', async () => {
		const claims = await undone(async (tx) => {
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ sub: USER, role: 'authenticated' })
			]);
			return (await tx.query<{ uid: string; role: string }>('select auth.uid() as uid, auth.role() as role')).rows[0];
		});
		expect(claims).toEqual({ uid: USER, role: 'authenticated' });
		const none = await undone(
			async (tx) => (await tx.query<{ uid: string | null }>('select auth.uid() as uid')).rows[0]
		);
		expect(none).toEqual({ uid: null });
	});

	it('sends a broadcast as a realtime.messages row with an id in its payload, and sets the topic', async () => {
		const sent = await undone(async (tx) => {
			await tx.query(`select realtime.send('{"n": 1}', 'tick', 'wall:1')`);
			const { rows } = await tx.query<{
				topic: string;
				extension: string;
				event: string;
				private: boolean;
				same: boolean;
				current: string;
			}>(
				`select topic, extension, event, private, (payload ->> 'id')::uuid = id and payload ->> 'n' = '1' as same,
					realtime.topic() as current
				from realtime.messages`
			);
			return rows;
		});
		expect(sent).toEqual([
			{ topic: 'wall:1', extension: 'broadcast', event: 'tick', private: true, same: true, current: 'wall:1' }
		]);
	});

	it('never fails the caller when a broadcast cannot be stored', async () => {
		const stored = await undone(async (tx) => {
			// No partition for today any more: the insert inside send() fails.
			await tx.exec(`do $$ declare p text; begin
				for p in select inhrelid::regclass::text from pg_inherits where inhparent = 'realtime.messages'::regclass
				loop execute 'drop table ' || p; end loop; end $$`);
			await tx.query(`select realtime.send('{}', 'tick', 'wall:1')`);
			return (await tx.query<{ n: string }>('select count(*) as n from realtime.messages')).rows[0];
		});
		expect(stored).toEqual({ n: '0' });
	});
});
