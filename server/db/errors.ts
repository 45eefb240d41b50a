// Errors every Db adapter throws the same way: a PostgreSQL error with its
// SQLSTATE fields (the REST API maps them to PostgREST statuses, the
// migration runner turns `position` into a line number), the statement
// timeout PostgreSQL itself reports, and "the database cannot take this
// call right now", which callers answer with a retryable 503/504.

/** The fields of a PostgreSQL ErrorResponse that callers read. */
export interface SqlStateFields {
	code: string;
	severity?: string;
	detail?: string;
	hint?: string;
	/** Character offset (1-based, as text) into the statement. */
	position?: string;
	internalPosition?: string;
	internalQuery?: string;
	where?: string;
	schema?: string;
	table?: string;
	column?: string;
	dataType?: string;
	constraint?: string;
	routine?: string;
}

const FIELD_NAMES = [
	'severity',
	'detail',
	'hint',
	'position',
	'internalPosition',
	'internalQuery',
	'where',
	'schema',
	'table',
	'column',
	'dataType',
	'constraint',
	'routine'
] as const;

/** A PostgreSQL error, with the same fields PGlite's and postgres.js's errors carry. */
export class DbError extends Error implements SqlStateFields {
	readonly code: string;
	severity?: string;
	detail?: string;
	hint?: string;
	position?: string;
	internalPosition?: string;
	internalQuery?: string;
	where?: string;
	schema?: string;
	table?: string;
	column?: string;
	dataType?: string;
	constraint?: string;
	routine?: string;

	constructor(message: string, fields: SqlStateFields) {
		super(message);
		this.name = 'DbError';
		this.code = fields.code;
		for (const name of FIELD_NAMES) {
			const value = fields[name];
			if (value !== undefined) this[name] = value;
		}
	}
}

/** SQLSTATE query_canceled, with the message PostgreSQL gives when statement_timeout fires. */
export const STATEMENT_TIMEOUT_CODE = '57014';

export function statementTimeoutError(): DbError {
	return new DbError('canceling statement due to statement timeout', {
		code: STATEMENT_TIMEOUT_CODE,
		severity: 'ERROR'
	});
}

/** PostgreSQL's answer to any statement after an error inside a transaction. */
export function transactionAbortedError(): DbError {
	return new DbError('current transaction is aborted, commands ignored until end of transaction block', {
		code: '25P02',
		severity: 'ERROR'
	});
}

export function isStatementTimeout(err: unknown): boolean {
	return err instanceof Error && (err as { code?: unknown }).code === STATEMENT_TIMEOUT_CODE;
}

export type UnavailableReason = 'busy' | 'restarting' | 'closed';

/**
 * The call never reached the database: it waited too long for the single
 * connection (busy), the engine could not be reopened (restarting), or the
 * Db is closing. Nothing ran, so the caller may simply try again later.
 */
export class DbUnavailableError extends Error {
	constructor(
		readonly reason: UnavailableReason,
		message: string,
		/** Seconds after which a retry is likely to succeed (for Retry-After). */
		readonly retryAfterS: number
	) {
		super(message);
		this.name = 'DbUnavailableError';
	}
}

/** A statement timeout or an unavailable database: the call may succeed if retried. */
export function isDatabaseOutage(err: unknown): boolean {
	return err instanceof DbUnavailableError || isStatementTimeout(err);
}

/** An error as it crosses from the engine's worker thread: plain data only. */
export interface WireError {
	message: string;
	/** Present for PostgreSQL errors. */
	fields?: SqlStateFields;
	stack?: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function toWireError(err: unknown): WireError {
	if (!(err instanceof Error)) return { message: String(err) };
	const source = err as Error & Partial<Record<keyof SqlStateFields, unknown>>;
	const code = text(source.code);
	if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) return { message: err.message, stack: err.stack };
	const fields: SqlStateFields = { code };
	for (const name of FIELD_NAMES) {
		const value = text(source[name]);
		if (value !== undefined) fields[name] = value;
	}
	return { message: err.message, fields };
}

export function fromWireError(wire: WireError): Error {
	if (wire.fields) return new DbError(wire.message, wire.fields);
	const err = new Error(wire.message);
	if (wire.stack) err.stack = wire.stack;
	return err;
}
