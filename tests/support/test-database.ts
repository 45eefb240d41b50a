// A fresh database for a test, migrated and seeded with the demo data:
// PGlite (in memory, or in a temporary folder when a test needs what only a
// folder survives: a deadline restart), or a throwaway PostgreSQL 15
// (./postgres15.ts) reached through postgres.js, the two engines the single
// box runs on. Each starts as a copy of this run's migrated and seeded
// template of its engine (./db-template.ts), which is what makes it fast; it
// is still migrated, so a migration added since the template was made is
// applied.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { pgliteDump, pgliteTemplate, postgresTemplate, REPO_ROOT } from './db-template.ts';
import { startPostgres15 } from './postgres15.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export interface TestDatabase {
	db: Db;
	/** Closes the database (and stops PostgreSQL 15, or removes PGlite's folder). */
	stop: () => Promise<void>;
}

export interface TestDatabaseOptions {
	/** PGlite in a temporary folder instead of memory (a deadline then restarts it, as in production). */
	onDisk?: boolean;
	/** The Db's default statement deadline (ms), as main.ts sets it; default none. */
	statementTimeoutMs?: number;
	/** PGlite: how long a call may wait for its turn (ms); default 10 s. */
	waitLimitMs?: number;
}

/**
 * The engine of the specs that run on one engine (everything but the contract
 * and schema suites, which run on both): PGlite, or PostgreSQL 15 with
 * SPEC_ENGINE=postgres. Any other value is refused rather than read as PGlite,
 * so a typo cannot pass a run off as the other engine's.
 */
export function specEngine(): Engine {
	const value = process.env.SPEC_ENGINE;
	if (value === undefined || value === '') return 'pglite';
	const engine = ENGINES.find((e) => e === value);
	if (engine) return engine;
	throw new Error(
		`SPEC_ENGINE must be one of ${ENGINES.join(', ')} (or unset for pglite), not ${JSON.stringify(value)}`
	);
}

async function open(engine: Engine, options: TestDatabaseOptions): Promise<TestDatabase> {
	const { statementTimeoutMs, waitLimitMs } = options;
	if (engine === 'pglite' && !options.onDisk) {
		const db = await openPglite({ initialDump: await pgliteDump(), statementTimeoutMs, waitLimitMs });
		return { db, stop: () => db.close() };
	}
	if (engine === 'pglite') {
		const template = await pgliteTemplate();
		const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-test-db-'));
		const remove = () => rmSync(dataDir, { recursive: true, force: true });
		let db: Db;
		try {
			cpSync(template.dataDir, dataDir, { recursive: true });
			db = await openPglite({ dataDir, statementTimeoutMs, waitLimitMs });
		} catch (err) {
			remove();
			throw err;
		}
		return {
			db,
			async stop() {
				await db.close();
				remove();
			}
		};
	}
	const pg = await startPostgres15({ copyOf: await postgresTemplate() });
	const db = openPostgres(pg.url, { statementTimeoutMs });
	return {
		db,
		async stop() {
			await db.close();
			await pg.stop();
		}
	};
}

export async function openTestDatabase(
	engine: Engine = specEngine(),
	options: TestDatabaseOptions = {}
): Promise<TestDatabase> {
	const opened = await open(engine, options);
	try {
		await migrate(opened.db, { root: REPO_ROOT, seed: true });
	} catch (err) {
		await opened.stop();
		throw err;
	}
	return opened;
}
