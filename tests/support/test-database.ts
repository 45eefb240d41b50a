// A fresh database for a test, migrated and seeded with the demo data:
// in-memory PGlite, or a throwaway PostgreSQL 15 (./postgres15.ts) reached
// through postgres.js, the two engines the single box runs on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { startPostgres15 } from './postgres15.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export interface TestDatabase {
	db: Db;
	/** Closes the database (and stops PostgreSQL 15). */
	stop: () => Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The engine a module's specs run on: PGlite, unless the variable says `postgres`. */
export function engineFromEnv(variable: string): Engine {
	return process.env[variable] === 'postgres' ? 'postgres' : 'pglite';
}

async function open(engine: Engine): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const db = await openPglite();
		return { db, stop: () => db.close() };
	}
	const pg = await startPostgres15();
	const db = openPostgres(pg.url);
	return {
		db,
		async stop() {
			await db.close();
			await pg.stop();
		}
	};
}

export async function openTestDatabase(engine: Engine = 'pglite'): Promise<TestDatabase> {
	const opened = await open(engine);
	try {
		await migrate(opened.db, { root, seed: true });
	} catch (err) {
		await opened.stop();
		throw err;
	}
	return opened;
}
