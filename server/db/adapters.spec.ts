// Both adapters behave alike: parameters, scripts with $$ bodies, commit and
// rollback, read-only transactions, NOTIFY after commit, the same JS values
// for the same types, PostgreSQL's error fields, and deadlines — a statement
// past its deadline fails with 57014 and the database goes on working (on
// PGlite in a folder by restarting its worker, on PostgreSQL by its own
// statement_timeout).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres15, type Postgres15 } from '../../tests/support/postgres15.ts';
import { DbError } from './errors.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

let pg15: Postgres15;
let folder: string;
const dbs: Record<string, Db> = {};

beforeAll(async () => {
	pg15 = await startPostgres15();
	folder = mkdtempSync(path.join(os.tmpdir(), 'callboard-adapters-'));
	dbs.pglite = await openPglite({ dataDir: folder });
	dbs.postgres = openPostgres(pg15.url);
	for (const db of Object.values(dbs)) await db.exec('create table t (id int primary key, note text)');
});

afterAll(async () => {
	for (const db of Object.values(dbs)) await db.close();
	await pg15?.stop();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

const TYPES_SQL = `select 9007199254740993::int8 as big, 1.50::numeric as num, '2026-11-22'::date as day,
	'2026-11-22T01:02:03Z'::timestamptz as at, '{"a": [1]}'::jsonb as doc, true as flag, 3::int4 as small,
	'7e000000-0000-4000-8000-000000000001'::uuid as id, array['a', 'b'] as list`;

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<DbError> {
	const outcome = await promise.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(outcome).toBeInstanceOf(Error);
	return outcome as DbError;
}

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

	it('refuses writes in a read-only transaction with 25006', async () => {
		const err = await failure(
			db().transaction((tx) => tx.query('insert into t values (12, $1)', ['nope']), { readOnly: true })
		);
		expect(err.code).toBe('25006');
		const read = await db().transaction((tx) => tx.query('select count(*)::int as n from t'), { readOnly: true });
		expect(read.rows).toEqual([{ n: 3 }]);
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

	it('keeps the SQLSTATE, position, detail and hint of an error', async () => {
		const missing = await failure(db().query('select * from missing_table'));
		expect(missing).toMatchObject({ code: '42P01', position: '15' });
		expect(missing.message).toBe('relation "missing_table" does not exist');
		const raised = await failure(
			db().exec(
				`do $$ begin raise exception 'full' using errcode = 'P0001', detail = 'no seats', hint = 'wait'; end $$`
			)
		);
		expect(raised).toMatchObject({ code: 'P0001', message: 'full', detail: 'no seats', hint: 'wait' });
	});

	it('fails a statement past its deadline with 57014 and goes on working', async () => {
		const started = performance.now();
		const err = await failure(db().query('select pg_sleep(20)', [], { timeoutMs: 400 }));
		expect(err).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
		expect(performance.now() - started).toBeLessThan(5_000);
		const { rows } = await db().query<{ id: number }>('select id from t order by id');
		expect(rows.map((r) => r.id)).toEqual([1, 2, 10]);
	});

	it('keeps nothing of a transaction cut at its deadline', async () => {
		const err = await failure(
			db().transaction(
				async (tx) => {
					await tx.query('insert into t values (20, $1)', ['cut']);
					await tx.query('select pg_sleep(20)');
				},
				{ timeoutMs: 400 }
			)
		);
		expect(err.code).toBe('57014');
		const { rows } = await db().query('select id from t where id = 20');
		expect(rows).toEqual([]);
	});

	it('runs the calls that were waiting behind a statement cut at its deadline', async () => {
		const slow = failure(db().query('select pg_sleep(20)', [], { timeoutMs: 400 }));
		const waiting = [1, 2, 3].map((n) => db().query<{ n: number }>('select $1::int as n', [n]));
		expect((await slow).code).toBe('57014');
		const answers = await Promise.all(waiting);
		expect(answers.map((a) => a.rows[0]?.n)).toEqual([1, 2, 3]);
	});
});

describe('a default deadline for every statement', () => {
	it('applies on PostgreSQL to each pooled connection, and a call may lift it', async () => {
		const strict = openPostgres(pg15.url, { statementTimeoutMs: 300 });
		try {
			expect((await failure(strict.query('select pg_sleep(5)'))).code).toBe('57014');
			const lifted = await strict.query<{ ok: number }>('select 1 as ok from pg_sleep(0.5)', [], { timeoutMs: 0 });
			expect(lifted.rows).toEqual([{ ok: 1 }]);
			const inTransaction = await strict.transaction(
				(tx) => tx.query<{ ok: number }>('select 2 as ok from pg_sleep(0.5)'),
				{
					timeoutMs: 5_000
				}
			);
			expect(inTransaction.rows).toEqual([{ ok: 2 }]);
			// The lifted deadline was for that call only.
			expect((await failure(strict.query('select pg_sleep(5)'))).code).toBe('57014');
		} finally {
			await strict.close();
		}
	});
});
