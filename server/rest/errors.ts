// PostgREST-shaped errors: `{code, message, details, hint}` with the HTTP
// status PostgREST gives each SQLSTATE (docs: references/errors, "HTTP Status
// Codes"), so supabase-js callers branch on the same codes as on Supabase.
import type { DbUnavailableError } from '../db/errors.ts';

export interface PgrstBody {
	code: string;
	message: string;
	details: string | null;
	hint: string | null;
}

/** An answer the REST API gives instead of a result; thrown anywhere, sent once by api.ts. */
export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly body: PgrstBody | { message: string; hint: string },
		readonly headers: Record<string, string> = {}
	) {
		super(body.message);
	}
}

export function pgrstError(
	status: number,
	code: string,
	message: string,
	details: string | null = null,
	hint: string | null = null
): RestError {
	return new RestError(status, { code, message, details, hint });
}

/** PGRST100: the query string could not be parsed. */
export function parseError(what: string, input: string, details: string): RestError {
	return pgrstError(400, 'PGRST100', `"failed to parse ${what} (${input})" (line 1, column 1)`, details);
}

/** Status for a Postgres SQLSTATE; `authed` is false for the anon role (42501 → 401, else 403). */
export function sqlstateStatus(code: string, authed: boolean): number {
	const exact: Record<string, number> = {
		'23503': 409,
		'23505': 409,
		'25006': 405,
		'53400': 500,
		'57P01': 503,
		P0001: 400,
		'42883': 404,
		'42P01': 404,
		'42P17': 500,
		'42501': authed ? 403 : 401
	};
	const known = exact[code];
	if (known !== undefined) return known;
	const custom = /^PT(\d{3})$/.exec(code);
	if (custom) return Number(custom[1]);
	const byClass: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 500,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return byClass[code.slice(0, 2)] ?? 400;
}

interface PgLikeError {
	code: string;
	message: string;
	detail?: unknown;
	hint?: unknown;
}

/** Both adapters (PGlite DatabaseError, postgres.js PostgresError) carry these fields. */
export function isPgError(err: unknown): err is PgLikeError {
	if (!(err instanceof Error)) return false;
	const code: unknown = (err as Error & { code?: unknown }).code;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

export function fromPgError(err: PgLikeError, authed: boolean): RestError {
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
	const status = sqlstateStatus(err.code, authed);
	const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
	return new RestError(
		status,
		{ code: err.code, message: err.message, details: text(err.detail), hint: text(err.hint) },
		headers
	);
}

/**
 * The request never reached the database (nothing ran, so a retry is safe):
 * PostgREST's answers when its pool cannot give a connection in time
 * (PGRST003, 504) or the connection is being re-established (PGRST001, 503),
 * with Retry-After so clients know when to come back.
 */
export function fromUnavailable(err: DbUnavailableError): RestError {
	const retryAfter = { 'retry-after': String(err.retryAfterS) };
	if (err.reason === 'busy') {
		return new RestError(
			504,
			{ code: 'PGRST003', message: 'Timed out acquiring connection from connection pool.', details: null, hint: null },
			retryAfter
		);
	}
	return new RestError(
		503,
		{ code: 'PGRST001', message: 'Database client error. Retrying the connection.', details: err.message, hint: null },
		retryAfter
	);
}
