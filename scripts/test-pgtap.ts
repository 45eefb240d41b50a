// pgTAP runner for the test command: starts a throwaway PostgreSQL 15, builds
// the platform schemas, applies our migrations and seed, installs pgTAP into
// `extensions` (where Supabase has it), runs every
// supabase/tests/database/*.test.sql with psql, and ends with
// `PGTAP_SUMMARY passed=N failed=N`. A file that errors or runs fewer tests
// than it planned counts as a failure, and so does a suite that leaves
// anything behind in the database (a schema, a function, a row).
//
//   --platform shim      (default) the single box's stand-in, server/platform/*.sql
//   --platform supabase  Supabase's own auth and realtime schemas, built from
//                        tests/conformance/supabase-catalog.json: the conformance run
//   --dir DIR            run the *.test.sql files of DIR instead
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import type { Db } from '../server/db/types.ts';
import { buildSupabaseSchemas } from '../tests/conformance/supabase-schemas.ts';
import { startPostgres15 } from '../tests/support/postgres15.ts';
import { databaseSnapshot, snapshotChanges } from './database-snapshot.ts';
import { parseTap } from './tap.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
	strict: true,
	options: {
		dir: { type: 'string', default: path.join(root, 'supabase/tests/database') },
		platform: { type: 'string', default: 'shim' }
	}
});
const testDir = path.resolve(args.dir);

async function prepare(db: Db, platform: string): Promise<void> {
	if (platform === 'supabase') {
		await buildSupabaseSchemas(db);
		await migrate(db, { root, seed: true, platform: false });
	} else {
		await migrate(db, { root, seed: true });
	}
	await db.exec('create schema if not exists extensions; create extension if not exists pgtap with schema extensions;');
}

/** Runs one file as `supabase test db` does (psql, stop at the first error); returns its passed and failed counts. */
function runFile(url: string, file: string): { passed: number; failed: number } {
	const started = Date.now();
	const run = spawnSync(
		'psql',
		['-X', '-At', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', path.join(testDir, file)],
		{
			encoding: 'utf8',
			env: { ...process.env, PGOPTIONS: '-c search_path=public,extensions -c client_min_messages=warning' }
		}
	);
	const tap = parseTap(run.stdout);
	const problems = [...tap.problems];
	if (run.status !== 0) problems.push(`psql exited with ${run.status}: ${run.stderr.trim()}`);
	const failed = tap.failed.length + (problems.length > 0 ? 1 : 0);
	const status = failed === 0 ? 'ok' : 'FAILED';
	console.log(
		`${status.padEnd(6)} ${file}: ${tap.passed} passed, ${tap.failed.length} failed (${Date.now() - started} ms)`
	);
	for (const failure of tap.failed) console.log(`       not ok ${failure}`);
	for (const problem of problems) console.log(`       ${problem}`);
	return { passed: tap.passed, failed };
}

async function main(): Promise<number> {
	if (args.platform !== 'shim' && args.platform !== 'supabase') {
		throw new Error(`--platform must be shim or supabase, not ${args.platform}`);
	}
	const files = readdirSync(testDir)
		.filter((f) => f.endsWith('.test.sql'))
		.sort();
	const pg = await startPostgres15();
	let passed = 0;
	let failed = 0;
	try {
		const db = openPostgres(pg.url, { max: 1 });
		try {
			await prepare(db, args.platform);
			const before = await databaseSnapshot(db);
			for (const file of files) {
				const result = runFile(pg.url, file);
				passed += result.passed;
				failed += result.failed;
			}
			const leftovers = snapshotChanges(before, await databaseSnapshot(db));
			if (leftovers.length > 0) {
				failed += 1;
				console.log(`FAILED the suite changed the database it ran on (${leftovers.length} changes):`);
				for (const change of leftovers) console.log(`       ${change}`);
			} else {
				console.log('ok     the suite left the database as it found it');
			}
		} finally {
			await db.close();
		}
	} finally {
		await pg.stop();
	}
	if (files.length === 0) {
		console.log(`no *.test.sql files in ${testDir}`);
		failed += 1;
	}
	console.log(`PGTAP_SUMMARY passed=${passed} failed=${failed}`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(err instanceof Error ? err.message : err);
		console.log('PGTAP_SUMMARY passed=0 failed=1');
		process.exit(1);
	}
);
