// Test databases start as copies of one template per run (db-template.ts);
// these are the promises that must survive that: every database is fresh,
// whatever an earlier one wrote, and an in-memory PGlite loaded from the
// template's dump is still an in-memory database (a statement past its
// deadline runs on, nothing is restarted, nothing is lost).
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../server/db/pglite.ts';
import type { Db } from '../../server/db/types.ts';
import { DEMO_SITE } from './demo.ts';
import { ENGINES, openTestDatabase, type Engine } from './test-database.ts';

const SITE_NAME = 'Demo Realty Call Center';

async function siteName(db: Db): Promise<string | undefined> {
	const { rows } = await db.query<{ name: string }>('select name from public.sites where id = $1', [DEMO_SITE]);
	return rows[0]?.name;
}

async function hasScratchTable(db: Db): Promise<boolean> {
	const { rows } = await db.query<{ found: boolean }>(
		`select to_regclass('public.template_scratch') is not null as found`
	);
	return rows[0]?.found === true;
}

/** Writes to a new database and stops it; the next one must not see any of it. */
async function openWriteAndStop(engine: Engine, onDisk: boolean): Promise<void> {
	const database = await openTestDatabase(engine, { onDisk });
	try {
		expect(await siteName(database.db)).toBe(SITE_NAME);
		await database.db.exec(`
			create table public.template_scratch (n int);
			update public.sites set name = 'Written by an earlier test'`);
	} finally {
		await database.stop();
	}
}

const CASES: { engine: Engine; onDisk: boolean }[] = ENGINES.flatMap((engine): { engine: Engine; onDisk: boolean }[] =>
	engine === 'pglite'
		? [
				{ engine, onDisk: false },
				{ engine, onDisk: true }
			]
		: [{ engine, onDisk: false }]
);

describe.each(CASES)('a test database on $engine (on disk: $onDisk)', ({ engine, onDisk }) => {
	it('is fresh and seeded, whatever the one before it wrote', async () => {
		await openWriteAndStop(engine, onDisk);
		const next = await openTestDatabase(engine, { onDisk });
		try {
			expect(await siteName(next.db)).toBe(SITE_NAME);
			expect(await hasScratchTable(next.db)).toBe(false);
		} finally {
			await next.stop();
		}
	});
});

describe('an in-memory PGlite started from the template', () => {
	it('answers a deadline on time and lets the statement run on, keeping its data', async () => {
		const database = await openTestDatabase('pglite', { statementTimeoutMs: 1_000, waitLimitMs: 3_000 });
		try {
			const started = performance.now();
			const slow = database.db.query('select pg_sleep(2)').then(
				() => undefined,
				(err: unknown) => err
			);
			const next = siteName(database.db);
			expect(await slow).toMatchObject({ code: '57014' });
			expect(performance.now() - started).toBeLessThan(1_800);
			// The same database after the statement's end: a restarted one would be empty.
			expect(await next).toBe(SITE_NAME);
			expect(performance.now() - started).toBeGreaterThan(1_900);
		} finally {
			await database.stop();
		}
	});

	it('is refused with a data folder: the dump is for memory only', async () => {
		await expect(openPglite({ dataDir: '/nonexistent', initialDump: new Uint8Array(8) })).rejects.toThrow(
			'initialDump is for in-memory databases'
		);
	});
});
