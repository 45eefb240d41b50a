// A freshly migrated and seeded database for a benchmark, on either engine:
// in-memory PGlite, or a throwaway PostgreSQL 15.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { startPostgres15 } from '../../tests/support/postgres15.ts';

export type BenchEngine = 'pglite' | 'postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freshDb(engine: BenchEngine): Promise<{ db: Db; stop: () => Promise<void> }> {
	if (engine === 'pglite') {
		const db = await openPglite();
		await migrate(db, { root, seed: true });
		return { db, stop: () => db.close() };
	}
	const pg = await startPostgres15();
	const db = openPostgres(pg.url, { max: 2 });
	await migrate(db, { root, seed: true });
	return {
		db,
		stop: async () => {
			await db.close();
			await pg.stop();
		}
	};
}
