// One request, one transaction, run as the caller's database role with the
// verified JWT claims in `request.jwt.claims`, the way PostgREST prepares
// every request, so row-level security and auth.uid() decide what it sees.
// Its statements have the role's deadline (deadlines.ts), which the Db
// enforces on both engines.
import type { Db, Queryable } from '../db/types.ts';
import type { RequestAuth } from './auth-role.ts';

const ROLES = new Set(['anon', 'authenticated', 'service_role']);

export interface RunOptions {
	/** GET and HEAD: writes fail with 25006 (→ 405), as in PostgREST. */
	readOnly: boolean;
	/** Prefer: tx=rollback — answer as usual, then undo everything. */
	rollback: boolean;
	method: string;
	path: string;
	/** Deadline of each statement (ms; 0: none). */
	timeoutMs: number;
}

class RollbackRequested<T> extends Error {
	constructor(readonly result: T) {
		super('rollback requested');
	}
}

export async function runAs<T>(
	db: Db,
	auth: RequestAuth,
	options: RunOptions,
	fn: (tx: Queryable) => Promise<T>
): Promise<T> {
	// The role is a bound value, yet it still comes from a closed list only.
	if (!ROLES.has(auth.role)) throw new Error(`refusing to run as role ${auth.role}`);
	try {
		return await db.transaction(
			async (tx) => {
				await tx.query(
					`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
						set_config('search_path', 'public, extensions', true),
						set_config('request.method', $3, true), set_config('request.path', $4, true)`,
					[auth.role, auth.claims, options.method, options.path]
				);
				const result = await fn(tx);
				if (options.rollback) throw new RollbackRequested(result);
				return result;
			},
			{ readOnly: options.readOnly, timeoutMs: options.timeoutMs }
		);
	} catch (err) {
		if (err instanceof RollbackRequested) return err.result as T;
		throw err;
	}
}
