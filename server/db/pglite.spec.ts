// The PGlite adapter's worker thread: a deadline in a data folder terminates
// the worker and a new one reopens the folder with everything committed; a
// transaction cut there is gone; LISTEN comes back; a reopen that fails is
// answered retryably and tried again; in memory the statement runs on while
// its caller already has 57014; waiting is bounded; the files are private; a
// closed database says so.
import { mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/support/wait-for.ts';
import { DbUnavailableError } from './errors.ts';
import { openPglite } from './pglite.ts';
import type { Db } from './types.ts';

async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
	const outcome = await promise.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(outcome).toBeInstanceOf(Error);
	return outcome as Error & { code?: string };
}

/** Every entry under dir with its permission bits, relative to dir. */
function modes(dir: string): { entry: string; mode: number; folder: boolean }[] {
	const found: { entry: string; mode: number; folder: boolean }[] = [];
	const walk = (at: string) => {
		for (const name of readdirSync(at)) {
			const full = path.join(at, name);
			const stat = statSync(full);
			found.push({ entry: path.relative(dir, full), mode: stat.mode & 0o777, folder: stat.isDirectory() });
			if (stat.isDirectory()) walk(full);
		}
	};
	walk(dir);
	return found;
}

describe('PGlite in a data folder', () => {
	let folder: string;
	let db: Db;
	const logged: string[] = [];

	beforeAll(async () => {
		folder = mkdtempSync(path.join(os.tmpdir(), 'callboard-pglite-'));
		db = await openPglite({ dataDir: folder, log: (line) => logged.push(line) });
		await db.exec('create table events (n int primary key)');
	});
	afterAll(async () => {
		await db?.close();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('is killed mid-stream at a deadline and reopened with every committed write', async () => {
		const acked: number[] = [];
		const writes = (async () => {
			for (let n = 1; n <= 60; n++) {
				await db.query('insert into events values ($1)', [n]);
				acked.push(n);
			}
		})();
		// Cut in while the stream is running; the writes queued behind it go on after the restart.
		await waitFor(() => acked.length >= 20, 30_000, 'the first writes');
		const slow = await failure(db.query('select pg_sleep(30)', [], { timeoutMs: 300 }));
		expect(slow.code).toBe('57014');
		await writes;
		expect(acked).toHaveLength(60);
		const { rows } = await db.query<{ n: number }>('select n from events order by n');
		expect(rows.map((r) => r.n)).toEqual(acked);
		expect(logged.some((line) => /ran past its 300 ms deadline; reopening/.test(line))).toBe(true);
		expect(logged.some((line) => /reopened in \d+ ms/.test(line))).toBe(true);
	});

	it('loses the transaction it cut, and answers the rest of it with 25P02', async () => {
		const seen: string[] = [];
		const err = await failure(
			db.transaction(
				async (tx) => {
					await tx.query('insert into events values (1000)');
					try {
						await tx.query('select pg_sleep(30)');
					} catch (cut) {
						seen.push((cut as { code: string }).code);
					}
					// The transaction died with the worker: nothing more runs in it, nothing commits.
					await tx.query('insert into events values (1001)').catch((after: { code: string }) => seen.push(after.code));
				},
				{ timeoutMs: 300 }
			)
		);
		expect(seen).toEqual(['57014', '25P02']);
		expect(err.code).toBe('25P02');
		expect((await db.query('select n from events where n >= 1000')).rows).toEqual([]);
	});

	it('listens again on the new worker', async () => {
		const got: string[] = [];
		const unlisten = await db.listen('after_restart', (payload) => got.push(payload));
		await failure(db.query('select pg_sleep(30)', [], { timeoutMs: 300 }));
		await db.query(`select pg_notify('after_restart', 'still here')`);
		await waitFor(() => got.length === 1, 5_000, 'the notification');
		expect(got).toEqual(['still here']);
		await unlisten();
	});

	it('keeps what it committed when opened again after the kills', async () => {
		await db.close();
		db = await openPglite({ dataDir: folder, log: (line) => logged.push(line) });
		const { rows } = await db.query<{ count: number }>('select count(*)::int as count from events');
		expect(rows).toEqual([{ count: 60 }]);
	});

	it('answers the callers waiting for a reopen that fails, retryably, and reopens when it can', async () => {
		const moved = `${folder}-moved`;
		const slow = failure(db.query('select pg_sleep(30)', [], { timeoutMs: 1_000 }));
		const waiting = failure(db.query('select count(*) from events'));
		// While the statement runs, the folder goes away and a file takes its place: the reopen must fail.
		renameSync(folder, moved);
		writeFileSync(folder, 'not a data folder');
		expect((await slow).code).toBe('57014');
		const refused = await waiting;
		expect(refused).toBeInstanceOf(DbUnavailableError);
		expect(refused).toMatchObject({ reason: 'restarting', retryAfterS: 2 });
		expect(logged.some((line) => /reopening the embedded database failed/.test(line))).toBe(true);

		rmSync(folder);
		renameSync(moved, folder);
		// Calls fail fast for a moment after a failed reopen, then the next one reopens.
		await new Promise((resolve) => setTimeout(resolve, 2_100));
		const { rows } = await db.query<{ count: number }>('select count(*)::int as count from events');
		expect(rows).toEqual([{ count: 60 }]);
	});

	it('creates every folder 0700 and every file 0600', () => {
		const entries = modes(folder);
		expect(entries.length).toBeGreaterThan(500);
		const open = entries.filter((e) => e.mode !== (e.folder ? 0o700 : 0o600));
		expect(open).toEqual([]);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
	});

	it('closes while a statement runs past its deadline, without waiting for its end', async () => {
		const reopening = () => logged.filter((line) => /reopening the embedded database/.test(line)).length;
		const before = reopening();
		const slow = failure(db.query('select pg_sleep(60)', [], { timeoutMs: 500 }));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const started = performance.now();
		await db.close();
		expect((await slow).code).toBe('57014');
		expect(performance.now() - started).toBeLessThan(5_000);
		// Stopped, not reopened: a closing database starts no new worker.
		expect(reopening()).toBe(before);
	});
});

describe('PGlite in memory', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openPglite({ statementTimeoutMs: 1_000, waitLimitMs: 3_000 });
		await db.exec('create table kept (n int); insert into kept values (1)');
	});
	afterAll(async () => {
		await db?.close();
	});

	it('answers a deadline on time but cannot stop the statement: later calls wait for its end', async () => {
		const started = performance.now();
		const slow = failure(db.query('select pg_sleep(2)'));
		const next = db.query<{ n: number }>('select n from kept');
		expect((await slow).code).toBe('57014');
		expect(performance.now() - started).toBeLessThan(1_800);
		expect((await next).rows).toEqual([{ n: 1 }]);
		expect(performance.now() - started).toBeGreaterThan(1_900);
	});

	it('answers a transaction at its deadline too, and rolls it back once the statement has ended', async () => {
		const started = performance.now();
		const cut = failure(
			db.transaction(async (tx) => {
				await tx.query('insert into kept values (2)');
				await tx.query('select pg_sleep(2)');
			})
		);
		expect((await cut).code).toBe('57014');
		expect(performance.now() - started).toBeLessThan(1_800);
		expect((await db.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 1 }]);
		expect(performance.now() - started).toBeGreaterThan(1_900);
	});

	it('fails a caller that waited past the wait limit as busy, and runs the others', async () => {
		const holder = db.query('select pg_sleep(4.5)', [], { timeoutMs: 0 });
		const waiter = failure(db.query('select 1'));
		const err = await waiter;
		expect(err).toBeInstanceOf(DbUnavailableError);
		expect(err).toMatchObject({ reason: 'busy', retryAfterS: 1 });
		await holder;
		expect((await db.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 1 }]);
	});

	it('refuses a parameter that cannot cross to the worker, and goes on', async () => {
		const err = await failure(db.query('select $1::text', [() => 'not data']));
		expect(err.message).toMatch(/could not be cloned/);
		expect((await db.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 1 }]);
	});

	it('refuses calls once it is closing', async () => {
		const closed = db.close();
		const err = await failure(db.query('select 1'));
		expect(err).toMatchObject({ reason: 'closed' });
		await closed;
	});
});
