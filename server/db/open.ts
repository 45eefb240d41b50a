// Picks the engine: PostgreSQL when a URL is given, embedded PGlite otherwise.
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export type OpenOptions = { databaseUrl: string } | { dataDir?: string };

export async function openDb(options: OpenOptions): Promise<Db> {
	if ('databaseUrl' in options) return openPostgres(options.databaseUrl);
	return openPglite({ dataDir: options.dataDir });
}
