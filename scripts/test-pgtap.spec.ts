// The pgTAP runner counts a file's failures, and counts a suite that leaves
// something behind in the database as a failure, naming what it left.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir: string;
let run: { status: number | null; stdout: string };

beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-pgtap-'));
	writeFileSync(
		path.join(dir, '01-clean.test.sql'),
		`begin; select plan(1); create schema scratch; select ok(true, 'clean'); select * from finish(); rollback;`
	);
	// Passes its test, but commits a schema and a row: a run on a real project would keep both.
	writeFileSync(
		path.join(dir, '02-leaky.test.sql'),
		`begin; select plan(1); create schema leftover;
		insert into public.sites (name) values ('Left behind');
		select ok(true, 'leaky'); select * from finish(); commit;`
	);
	run = spawnSync('npx', ['tsx', path.join(root, 'scripts/test-pgtap.ts'), '--dir', dir], {
		cwd: root,
		encoding: 'utf8',
		timeout: 120_000
	});
}, 150_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/test-pgtap.ts', () => {
	it('passes the files and fails the suite that left something behind', () => {
		expect(run.stdout).toContain('ok     01-clean.test.sql: 1 passed, 0 failed');
		expect(run.stdout).toContain('ok     02-leaky.test.sql: 1 passed, 0 failed');
		expect(run.stdout).toContain('PGTAP_SUMMARY passed=2 failed=1');
		expect(run.status).toBe(1);
	});

	it('names what was left: the schema and the changed row count, nothing rolled back', () => {
		const changes = run.stdout.split('\n').filter((line) => /^ {7}[+-] /.test(line));
		// A new site brings its schedule and attendance policies and its ten
		// default incentive rules with it (triggers), so all four counts moved.
		expect(changes).toEqual([
			'       + rows public.attendance_policies 2',
			'       + rows public.incentive_rules 20',
			'       + rows public.schedule_policies 2',
			'       + rows public.sites 2',
			'       + schema leftover',
			'       - rows public.attendance_policies 1',
			'       - rows public.incentive_rules 10',
			'       - rows public.schedule_policies 1',
			'       - rows public.sites 1'
		]);
	});
});
