// The migration runner on a fixture tree: order, re-runs, seed once, edits
// and bad names refused, a failing file leaves nothing behind.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import type { Db } from './types.ts';

let root: string;
let db: Db;

function write(relative: string, sql: string): void {
	const file = path.join(root, relative);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, sql);
}

beforeEach(async () => {
	root = mkdtempSync(path.join(os.tmpdir(), 'callboard-migrate-'));
	write('server/platform/00-base.sql', 'create table if not exists log (step text);');
	write('supabase/migrations/20260101000000_first.sql', "insert into log values ('first');");
	write('supabase/migrations/20260102000000_second.sql', "insert into log values ('second');");
	write('supabase/seed.sql', "insert into log values ('seed');");
	db = await openPglite();
});

afterEach(async () => {
	await db.close();
	rmSync(root, { recursive: true, force: true });
});

const steps = async () => (await db.query<{ step: string }>('select step from log')).rows.map((r) => r.step);

describe('migrate', () => {
	it('applies platform, migrations in name order, then the seed', async () => {
		const result = await migrate(db, { root, seed: true });
		expect(result.applied).toEqual([
			'platform/00-base.sql',
			'migration/20260101000000_first.sql',
			'migration/20260102000000_second.sql',
			'seed/seed.sql'
		]);
		expect(await steps()).toEqual(['first', 'second', 'seed']);
	});

	it('skips what ran before and seeds only once, even if seed.sql changes', async () => {
		await migrate(db, { root, seed: true });
		write('supabase/seed.sql', "insert into log values ('seed again');");
		const again = await migrate(db, { root, seed: true });
		expect(again.applied).toEqual([]);
		expect(again.skipped).toHaveLength(4);
		expect(await steps()).toEqual(['first', 'second', 'seed']);
	});

	it('applies a new migration added later', async () => {
		await migrate(db, { root });
		write('supabase/migrations/20260103000000_third.sql', "insert into log values ('third');");
		expect((await migrate(db, { root })).applied).toEqual(['migration/20260103000000_third.sql']);
	});

	it('refuses a migration edited after it was applied', async () => {
		await migrate(db, { root });
		write('supabase/migrations/20260101000000_first.sql', "insert into log values ('edited');");
		await expect(migrate(db, { root })).rejects.toThrow(/20260101000000_first\.sql was changed after it was applied/);
	});

	it('re-applies a changed platform file (they are written to be re-runnable)', async () => {
		await migrate(db, { root });
		write(
			'server/platform/00-base.sql',
			'create table if not exists log (step text); create table if not exists extra (x int);'
		);
		expect((await migrate(db, { root })).applied).toEqual(['platform/00-base.sql']);
	});

	it('refuses a migration file name without a timestamp', async () => {
		write('supabase/migrations/add_stuff.sql', 'select 1;');
		await expect(migrate(db, { root })).rejects.toThrow(/add_stuff\.sql: name must be YYYYMMDDHHmmss_description/);
	});

	it('names the file and line of a failing migration and keeps nothing of it', async () => {
		write(
			'supabase/migrations/20260103000000_broken.sql',
			"insert into log values ('partial');\nselect * from missing_table;"
		);
		await expect(migrate(db, { root })).rejects.toThrow(/20260103000000_broken\.sql:2: .*missing_table/);
		expect(await steps()).toEqual(['first', 'second']);
		const { rows } = await db.query(`select 1 from callboard_meta.applied where name like '%broken%'`);
		expect(rows).toEqual([]);
	});
});
