// Picks the engine: PostgreSQL when a URL is given, embedded PGlite otherwise.
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface EngineOptions {
	/** Deadline of every statement that does not choose its own (ms). */
	statementTimeoutMs?: number;
	log?: (line: string) => void;
}

export type OpenOptions = ({ databaseUrl: string } | { dataDir?: string }) & EngineOptions;

export async function openDb(options: OpenOptions): Promise<Db> {
	const { statementTimeoutMs, log } = options;
	if ('databaseUrl' in options) return openPostgres(options.databaseUrl, { statementTimeoutMs });
	return openPglite({ dataDir: options.dataDir, statementTimeoutMs, log });
}
