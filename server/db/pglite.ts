// PGlite adapter: embedded PostgreSQL (WASM) in this process, data in a
// folder or in memory. PGlite is a single connection; its own mutex keeps a
// transaction's statements from interleaving with other callers' queries.
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { Db, Queryable, QueryResult } from './types.ts';

// Keep int8 and date as text, as postgres.js does (see types.ts).
const parsers = {
	[types.INT8]: (value: string) => value,
	[types.DATE]: (value: string) => value
};

function wrap(target: PGlite | Transaction): Queryable {
	return {
		async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
			const result = await target.query<T>(sql, [...params]);
			return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, fields: result.fields };
		},
		async exec(script: string): Promise<void> {
			await target.exec(script);
		}
	};
}

export async function openPglite(options: { dataDir?: string } = {}): Promise<Db> {
	const pg = await PGlite.create({ dataDir: options.dataDir, extensions: { pgcrypto }, parsers });
	return {
		engine: 'pglite',
		...wrap(pg),
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		async listen(channel, onPayload) {
			const unsubscribe = await pg.listen(channel, onPayload);
			return unsubscribe;
		},
		close: () => pg.close()
	};
}
