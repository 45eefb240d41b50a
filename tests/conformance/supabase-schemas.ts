// Builds Supabase's own auth and realtime schemas on an empty PostgreSQL 15
// from the committed catalog (never from server/platform/, the single box's
// stand-in): the catalog's DDL, today's realtime.messages partitions as the
// realtime service makes them, then our bodies for the functions we execute.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../server/db/types.ts';
import { loadSupabaseFixture, type Fixture } from './catalog.ts';
import { catalogDdl, messagePartitionsDdl } from './catalog-ddl.ts';

export const FUNCTION_BODIES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'supabase-functions.sql');

/** Run once, as a superuser, before our migrations (with `platform: false`). */
export async function buildSupabaseSchemas(db: Db, fixture: Fixture = loadSupabaseFixture()): Promise<void> {
	const bodies = await readFile(FUNCTION_BODIES_FILE, 'utf8');
	const steps: [string, string][] = [
		['the catalog', catalogDdl(fixture)],
		['the realtime.messages partitions', messagePartitionsDdl(fixture.realtimeMessagePartitions)],
		[path.basename(FUNCTION_BODIES_FILE), bodies]
	];
	await db.transaction(async (tx) => {
		for (const [what, sql] of steps) {
			try {
				await tx.exec(sql);
			} catch (err) {
				throw new Error(
					`building Supabase's schemas from ${what}: ${err instanceof Error ? err.message : String(err)}`,
					{
						cause: err
					}
				);
			}
		}
	});
}
