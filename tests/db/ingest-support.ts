// Shared by the ingest suites: calls made the way the REST API makes them for
// a service-role key (role and JWT claims set for one transaction), and the
// error a statement failed with.
import type { Db, Queryable } from '../../server/db/types';

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
