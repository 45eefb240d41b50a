// The one small database interface the server and tests use, whatever the
// engine behind it (PGlite in a worker thread, or PostgreSQL over the network).
//
// Both adapters return the same JS values for the same column types:
// int8 and numeric as strings (no precision loss), date as 'YYYY-MM-DD'
// strings (no time-zone shift), timestamptz as Date, json/jsonb parsed.
//
// Every statement has a deadline (statement_timeout semantics: the time it
// runs, not the time it waits for a connection). A statement past it fails
// with SQLSTATE 57014 on both engines; see errors.ts.

export interface QueryResult<T> {
	rows: T[];
	rowCount: number;
	fields: { name: string; dataTypeID: number }[];
}

export interface Queryable {
	/** One statement with bound parameters ($1, $2, …). */
	query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
	/** A script of several statements, no parameters (migrations, set local …). */
	exec(script: string): Promise<void>;
}

/** No deadline at all: for migrations, which may legitimately run long. */
export const NO_DEADLINE = 0;

export interface StatementOptions {
	/** Longest one statement may run, in ms; NO_DEADLINE for none. Default: the Db's own. */
	timeoutMs?: number;
}

export interface TransactionOptions extends StatementOptions {
	/** BEGIN READ ONLY: writes fail with 25006, as PostgREST runs GET requests. */
	readOnly?: boolean;
}

export interface Db extends Queryable {
	readonly engine: 'pglite' | 'postgres';
	/** The deadline of every statement that does not choose its own, in ms (NO_DEADLINE: none). */
	readonly statementTimeoutMs: number;
	query<T extends object = Record<string, unknown>>(
		sql: string,
		params?: readonly unknown[],
		options?: StatementOptions
	): Promise<QueryResult<T>>;
	exec(script: string, options?: StatementOptions): Promise<void>;
	/**
	 * Runs fn in one transaction: committed when it resolves, rolled back when
	 * it throws. The deadline applies to each statement fn runs.
	 */
	transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
	/** Calls onPayload for every NOTIFY on channel after commit; returns the unsubscribe. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}
