// A throwaway in-memory database with the project's schema, built by the
// server's own migration runner: the platform shim (roles, auth, realtime)
// and then every migration in name order, exactly as the single-box server
// applies them. No seed: types depend on the schema only.
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import type { Db } from '../../server/db/types';

export async function openSchemaDb(rootDir: string): Promise<Db> {
	const db = await openPglite();
	try {
		await migrate(db, { root: rootDir, seed: false });
	} catch (error) {
		await db.close();
		throw error;
	}
	return db;
}
