// pgTAP runner for the test command: starts a throwaway PostgreSQL 15, applies
// the shim, migrations and seed, installs pgTAP into `extensions` (where
// Supabase has it), runs every supabase/tests/database/*.test.sql with psql,
// and ends with `PGTAP_SUMMARY passed=N failed=N`. A file that errors or runs
// fewer tests than it planned counts as a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import { startPostgres15 } from '../tests/support/postgres15.ts';
import { parseTap } from './tap.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirArg = process.argv.indexOf('--dir');
const testDir = path.resolve(
	dirArg > 0 ? (process.argv[dirArg + 1] ?? '') : path.join(root, 'supabase/tests/database')
);

async function main(): Promise<number> {
	const files = readdirSync(testDir)
		.filter((f) => f.endsWith('.test.sql'))
		.sort();
	const pg = await startPostgres15();
	let passed = 0;
	let failed = 0;
	try {
		const db = openPostgres(pg.url, { max: 1 });
		try {
			await migrate(db, { root, seed: true });
			await db.exec(
				'create schema if not exists extensions; create extension if not exists pgtap with schema extensions;'
			);
		} finally {
			await db.close();
		}
		for (const file of files) {
			const started = Date.now();
			const run = spawnSync(
				'psql',
				['-X', '-At', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pg.url, '-f', path.join(testDir, file)],
				{
					encoding: 'utf8',
					env: { ...process.env, PGOPTIONS: '-c search_path=public,extensions -c client_min_messages=warning' }
				}
			);
			const tap = parseTap(run.stdout);
			const problems = [...tap.problems];
			if (run.status !== 0) problems.push(`psql exited with ${run.status}: ${run.stderr.trim()}`);
			const fileFailed = tap.failed.length + (problems.length > 0 ? 1 : 0);
			passed += tap.passed;
			failed += fileFailed;
			const status = fileFailed === 0 ? 'ok' : 'FAILED';
			console.log(
				`${status.padEnd(6)} ${file}: ${tap.passed} passed, ${tap.failed.length} failed (${Date.now() - started} ms)`
			);
			for (const failure of tap.failed) console.log(`       not ok ${failure}`);
			for (const problem of problems) console.log(`       ${problem}`);
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
