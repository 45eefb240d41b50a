// PostgreSQL adapter over postgres.js, for DATABASE_URL deployments and for
// the throwaway PostgreSQL 15 the tests start.
import postgres from 'postgres';
import type { Db, Queryable, QueryResult } from './types.ts';

type Sql = postgres.Sql | postgres.TransactionSql;
type Param = postgres.ParameterOrJSON<never>;

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

export function openPostgres(url: string, options: { max?: number } = {}): Db {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		// date as 'YYYY-MM-DD' text, like the PGlite adapter (int8 and numeric are text already)
		types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
		connection: { application_name: 'callboard' }
	});
	return {
		engine: 'postgres',
		...wrap(sql),
		async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
			return (await sql.begin((tx) => fn(wrap(tx)))) as T;
		},
		async listen(channel, onPayload) {
			const subscription = await sql.listen(channel, onPayload);
			return () => subscription.unlisten();
		},
		close: () => sql.end({ timeout: 5 })
	};
}
