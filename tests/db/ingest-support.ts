// Shared by the ingest suites: a migrated, seeded in-memory PGlite, and calls
// made the way the REST API makes them for a service-role key (role and JWT
// claims set for one transaction).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import type { Db, Queryable } from '../../server/db/types';
import { ingestResult, type IngestResult } from '../../server/events/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function openDemoDb(): Promise<Db> {
	const db = await openPglite();
	await migrate(db, { root, seed: true });
	return db;
}

class Rollback extends Error {}

/** Runs fn in one transaction as service_role; undoes it when rollback is set. */
export async function asServiceRole<T>(
	db: Db,
	fn: (tx: Queryable) => Promise<T>,
	options: { rollback?: boolean } = {}
): Promise<T> {
	let result: T | undefined;
	try {
		await db.transaction(async (tx) => {
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'service_role' })]);
			await tx.exec('set local role service_role');
			result = await fn(tx);
			if (options.rollback) throw new Rollback();
		});
	} catch (err) {
		if (!(err instanceof Rollback)) throw err;
	}
	return result as T;
}

export async function callIngest(tx: Queryable, events: unknown): Promise<IngestResult> {
	const { rows } = await tx.query<{ result: unknown }>('select public.ingest_events($1::text::jsonb) as result', [
		JSON.stringify(events)
	]);
	return ingestResult.parse(rows[0]?.result);
}

export async function ingest(db: Db, events: unknown): Promise<IngestResult> {
	return asServiceRole(db, (tx) => callIngest(tx, events));
}

/** The Postgres error a promise rejected with (code, message, detail, hint). */
export async function pgError(promise: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await promise;
	} catch (err) {
		if (err instanceof Error) return err as unknown as Record<string, unknown>;
		throw err;
	}
	throw new Error('expected the statement to fail');
}
