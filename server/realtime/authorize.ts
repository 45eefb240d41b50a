// Private-channel authorization the way Realtime.Tenants.Authorization does
// it, so the same realtime.messages policies decide on both platforms. Each
// check runs in a transaction that is always rolled back:
//   read  — insert a probe row per extension as the privileged user, switch
//           to the caller's role and claims with realtime.topic set, and see
//           which probes the caller can select;
//   write — as the caller, insert a row per extension, each in a savepoint;
//           a row-level-security refusal means no write.
import { randomUUID } from 'node:crypto';
import type { JwtClaims } from '../auth/jwt.ts';
import type { Db, Queryable } from '../db/types.ts';

export type Extension = 'broadcast' | 'presence';

export interface Policies {
	broadcast: { read?: boolean; write?: boolean };
	presence: { read?: boolean; write?: boolean };
}

export interface AuthorizationContext {
	/** The sub-topic, without 'realtime:'. */
	topic: string;
	claims: JwtClaims;
	/** x-* headers of the upgrade request (request.headers, as Realtime sets it). */
	headers: Record<string, string>;
}

export const emptyPolicies = (): Policies => ({ broadcast: {}, presence: {} });

/** Carries the result out of a transaction that must not commit. */
class Rollback<T> extends Error {
	constructor(readonly value: T) {
		super('rollback');
	}
}

async function inRolledBackTransaction<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	try {
		await db.transaction(async (tx) => {
			throw new Rollback(await fn(tx));
		});
	} catch (err) {
		if (err instanceof Rollback) return err.value as T;
		throw err;
	}
	throw new Error('unreachable: the authorization transaction committed');
}

async function setCallerConfig(tx: Queryable, context: AuthorizationContext): Promise<void> {
	const { claims } = context;
	await tx.query(
		`select set_config('role', $1, true), set_config('realtime.topic', $2, true),
			set_config('request.jwt.claims', $3, true), set_config('request.jwt.claim.sub', $4, true),
			set_config('request.jwt.claim.role', $1, true), set_config('request.headers', $5, true)`,
		[claims.role, context.topic, JSON.stringify(claims), claims.sub ?? '', JSON.stringify(context.headers)]
	);
}

/** Which extensions the caller may read (receive) on the topic; others in `policies` stay as they were. */
export async function authorizeRead(
	db: Db,
	context: AuthorizationContext,
	extensions: readonly Extension[],
	policies: Policies = emptyPolicies()
): Promise<Policies> {
	const probes = extensions.map((extension) => ({ extension, id: randomUUID() }));
	const visible = await inRolledBackTransaction(db, async (tx) => {
		for (const probe of probes) {
			await tx.query('insert into realtime.messages (id, topic, extension) values ($1, $2, $3)', [
				probe.id,
				context.topic,
				probe.extension
			]);
		}
		await setCallerConfig(tx, context);
		const { rows } = await tx.query<{ id: string }>(
			'select id::text as id from realtime.messages where id = any($1::uuid[])',
			[probes.map((p) => p.id)]
		);
		return new Set(rows.map((r) => r.id));
	});
	const next: Policies = { broadcast: { ...policies.broadcast }, presence: { ...policies.presence } };
	for (const probe of probes) next[probe.extension].read = visible.has(probe.id);
	return next;
}

function isInsufficientPrivilege(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '42501';
}

/** Whether the caller may write (send broadcasts, track presence) on the topic. */
export async function authorizeWrite(
	db: Db,
	context: AuthorizationContext,
	policies: Policies = emptyPolicies()
): Promise<Policies> {
	const extensions: Extension[] = ['broadcast', 'presence'];
	const allowed = await inRolledBackTransaction(db, async (tx) => {
		await setCallerConfig(tx, context);
		const result: Partial<Record<Extension, boolean>> = {};
		for (const extension of extensions) {
			await tx.query('savepoint realtime_write_check');
			try {
				await tx.query('insert into realtime.messages (topic, extension) values ($1, $2)', [context.topic, extension]);
				result[extension] = true;
			} catch (err) {
				if (!isInsufficientPrivilege(err)) throw err;
				result[extension] = false;
			}
			await tx.query('rollback to savepoint realtime_write_check');
		}
		return result;
	});
	return {
		broadcast: { ...policies.broadcast, write: allowed.broadcast ?? false },
		presence: { ...policies.presence, write: allowed.presence ?? false }
	};
}
