// The single box's stand-in for Supabase (server/platform/*.sql) against
// Supabase's own catalog: every auth and realtime object the shim defines
// exists on Supabase, alike, unless shim-allow-list.ts says why not.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFiles } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { startPostgres15, type Postgres15 } from '../support/postgres15.ts';
import { loadSupabaseFixture, type Catalog } from './catalog.ts';
import { diffCatalogs, type Difference } from './catalog-diff.ts';
import { extractCatalog } from './extract-catalog.ts';
import { SHIM_ALLOW_LIST } from './shim-allow-list.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The roles 00-roles.sql creates; the bootstrap superuser is the database's, not the shim's. */
const SHIM_ROLES = ['anon', 'authenticated', 'service_role', 'authenticator'];

let pg: Postgres15;
let db: Db;
let shim: Catalog;
let differences: Difference[];

const key = (d: { object: string; aspect: string }) => `${d.object} | ${d.aspect}`;

beforeAll(async () => {
	pg = await startPostgres15();
	db = openPostgres(pg.url, { max: 1 });
	for (const file of (await planFiles({ root })).filter((f) => f.kind === 'platform')) {
		await db.exec(await readFile(file.file, 'utf8'));
	}
	shim = await extractCatalog(db);
	differences = diffCatalogs(shim, loadSupabaseFixture(), SHIM_ROLES);
});

afterAll(async () => {
	await db?.close();
	await pg?.stop();
});

describe('the platform shim against Supabase', () => {
	it('defines auth and realtime objects for the comparison to be about', () => {
		expect(shim.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(
			expect.arrayContaining(['auth.users', 'auth.identities', 'realtime.messages'])
		);
		expect(shim.functions.map((f) => `${f.schema}.${f.name}`)).toEqual(
			expect.arrayContaining(['auth.uid', 'realtime.send', 'realtime.topic', 'realtime.broadcast_changes'])
		);
	});

	it('differs from Supabase only where the allow-list says why', () => {
		const allowed = new Set(SHIM_ALLOW_LIST.map(key));
		const unexplained = differences
			.filter((d) => !allowed.has(key(d)))
			.map((d) => `${key(d)}\n    shim:     ${d.shim}\n    supabase: ${d.supabase}`);
		expect(unexplained).toEqual([]);
	});

	it('has no allow-list entry that matches no difference any more', () => {
		const found = new Set(differences.map(key));
		expect(SHIM_ALLOW_LIST.filter((a) => !found.has(key(a))).map(key)).toEqual([]);
	});

	it('gives every allowed difference a reason', () => {
		expect(SHIM_ALLOW_LIST.filter((a) => a.reason.trim().length < 20).map(key)).toEqual([]);
	});
});
