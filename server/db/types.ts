// The one small database interface the server and tests use, whatever the
// engine behind it (PGlite in-process, or PostgreSQL over the network).
//
// Both adapters return the same JS values for the same column types:
// int8 and numeric as strings (no precision loss), date as 'YYYY-MM-DD'
// strings (no time-zone shift), timestamptz as Date, json/jsonb parsed.

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

export interface Db extends Queryable {
	readonly engine: 'pglite' | 'postgres';
	/** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Calls onPayload for every NOTIFY on channel after commit; returns the unsubscribe. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}
