// Both adapters behave alike: parameters, scripts with $$ bodies, commit and
// rollback, NOTIFY after commit, and the same JS values for the same types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres15, type Postgres15 } from '../../tests/support/postgres15.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

let pg15: Postgres15;
const dbs: Record<string, Db> = {};

beforeAll(async () => {
	pg15 = await startPostgres15();
	dbs.pglite = await openPglite();
	dbs.postgres = openPostgres(pg15.url);
	for (const db of Object.values(dbs)) await db.exec('create table t (id int primary key, note text)');
});

afterAll(async () => {
	for (const db of Object.values(dbs)) await db.close();
	await pg15?.stop();
});

const TYPES_SQL = `select 9007199254740993::int8 as big, 1.50::numeric as num, '2026-11-22'::date as day,
	'2026-11-22T01:02:03Z'::timestamptz as at, '{"a": [1]}'::jsonb as doc, true as flag, 3::int4 as small,
	'7e000000-0000-4000-8000-000000000001'::uuid as id, array['a', 'b'] as list`;

describe.each(['pglite', 'postgres'])('%s adapter', (name) => {
	const db = () => dbs[name] as Db;

	it('binds parameters and reports affected rows', async () => {
		const inserted = await db().query('insert into t values ($1, $2), ($3, $4)', [1, "it's", 2, null]);
		expect(inserted.rowCount).toBe(2);
		const { rows } = await db().query<{ note: string | null }>('select note from t where id = $1', [1]);
		expect(rows).toEqual([{ note: "it's" }]);
	});

	it('runs multi-statement scripts with $$ function bodies', async () => {
		await db().exec(`
			create function twice(x int) returns int language plpgsql as $$ begin return x * 2; end $$;
			create view doubled as select id, twice(id) as d from t;`);
		const { rows } = await db().query<{ d: number }>('select d from doubled where id = 2');
		expect(rows).toEqual([{ d: 4 }]);
	});

	it('commits a transaction that resolves and rolls back one that throws', async () => {
		await db().transaction((tx) => tx.query('insert into t values (10, $1)', ['kept']));
		await expect(
			db().transaction(async (tx) => {
				await tx.query('insert into t values (11, $1)', ['lost']);
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const { rows } = await db().query<{ id: number }>('select id from t where id >= 10 order by id');
		expect(rows).toEqual([{ id: 10 }]);
	});

	it('delivers NOTIFY payloads after commit', async () => {
		const got: string[] = [];
		const unlisten = await db().listen('adapter_test', (p) => got.push(p));
		await db().transaction((tx) => tx.query(`select pg_notify('adapter_test', 'hello')`));
		for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
		await unlisten();
		expect(got).toEqual(['hello']);
	});

	it('returns the agreed JS values for each type', async () => {
		const { rows } = await db().query(TYPES_SQL);
		expect(rows[0]).toEqual({
			big: '9007199254740993',
			num: '1.50',
			day: '2026-11-22',
			at: new Date('2026-11-22T01:02:03Z'),
			doc: { a: [1] },
			flag: true,
			small: 3,
			id: '7e000000-0000-4000-8000-000000000001',
			list: ['a', 'b']
		});
	});
});
