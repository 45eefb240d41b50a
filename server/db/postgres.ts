// PostgreSQL adapter over postgres.js, for DATABASE_URL deployments and for
// the throwaway PostgreSQL 15 the tests start. Deadlines are PostgreSQL's own
// statement_timeout: the Db's default is a startup parameter of every pooled
// connection; a call that chooses another sets it for its transaction (set
// local) or, outside one, on a reserved connection for that call only.
import postgres from 'postgres';
import {
	NO_DEADLINE,
	type Db,
	type Queryable,
	type QueryResult,
	type StatementOptions,
	type TransactionOptions
} from './types.ts';

type Sql = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;
type Param = postgres.ParameterOrJSON<never>;

const SET_TIMEOUT = `select set_config('statement_timeout', $1, $2)`;

function wrap(sql: Sql): Queryable {
	return {
		async query<T extends object>(text: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
			const result = await sql.unsafe<T[]>(text, params as Param[]);
			return {
				rows: [...result],
				rowCount: result.count,
				fields: (result.columns ?? []).map((c) => ({ name: c.name, dataTypeID: c.type }))
			};
		},
		async exec(script: string): Promise<void> {
			// The simple protocol runs a whole multi-statement script in one go.
			await sql.unsafe(script).simple();
		}
	};
}

export interface PostgresOptions {
	max?: number;
	/** Deadline of every statement that does not choose its own (ms); default none. */
	statementTimeoutMs?: number;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Db {
	const statementTimeoutMs = options.statementTimeoutMs ?? NO_DEADLINE;
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// date as 'YYYY-MM-DD' text, like the PGlite adapter (int8 and numeric are text already)
		types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
		connection: {
			application_name: 'callboard',
			...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {})
		}
	});
	const pool = wrap(sql);

	/** Runs fn with `timeoutMs` on one reserved connection, then puts the default back. */
	async function withTimeout<T>(timeoutMs: number, fn: (q: Queryable) => Promise<T>): Promise<T> {
		const reserved = await sql.reserve();
		try {
			await reserved.unsafe(SET_TIMEOUT, [String(timeoutMs), false]);
			try {
				return await fn(wrap(reserved));
			} finally {
				await reserved.unsafe(SET_TIMEOUT, [String(statementTimeoutMs), false]);
			}
		} finally {
			reserved.release();
		}
	}
	const differs = (options?: StatementOptions) =>
		options?.timeoutMs !== undefined && options.timeoutMs !== statementTimeoutMs;

	return {
		engine: 'postgres',
		statementTimeoutMs,
		query<T extends object>(text: string, params: readonly unknown[] = [], options?: StatementOptions) {
			if (!differs(options)) return pool.query<T>(text, params);
			return withTimeout(options?.timeoutMs ?? statementTimeoutMs, (q) => q.query<T>(text, params));
		},
		exec(script: string, options?: StatementOptions) {
			if (!differs(options)) return pool.exec(script);
			return withTimeout(options?.timeoutMs ?? statementTimeoutMs, (q) => q.exec(script));
		},
		async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
			const mode = options?.readOnly ? 'read only' : '';
			return (await sql.begin(mode, async (tx) => {
				if (differs(options)) await tx.unsafe(SET_TIMEOUT, [String(options?.timeoutMs ?? statementTimeoutMs), true]);
				return fn(wrap(tx));
			})) as T;
		},
		async listen(channel, onPayload) {
			const subscription = await sql.listen(channel, onPayload);
			return () => subscription.unlisten();
		},
		close: () => sql.end({ timeout: 5 })
	};
}
