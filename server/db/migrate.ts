// Migration runner: applies the platform shim (server/platform/*.sql), then
// supabase/migrations/*.sql in name order, then supabase/seed.sql once, each
// file in its own transaction, and records what ran with a checksum.
//
// Re-running is safe: applied files are skipped. A migration edited after it
// was applied is an error (silently ignoring the edit would leave databases
// that differ from the files). Platform files are written to be re-runnable,
// so a changed one is applied again instead.
//
// Migrations have no deadline: the Db may give API calls one, but a schema
// change or a seed on a big database may take as long as it takes.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NO_DEADLINE, type Db } from './types.ts';

export type FileKind = 'platform' | 'migration' | 'seed';

export interface MigrateOptions {
	/** Repository root holding server/platform and supabase/. */
	root: string;
	seed?: boolean;
	/** false when the target already is a Supabase project. */
	platform?: boolean;
}

export interface MigrateResult {
	applied: string[];
	skipped: string[];
}

const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+\.sql$/;

const BOOKKEEPING = `
	create schema if not exists callboard_meta;
	create table if not exists callboard_meta.applied (
		kind text not null,
		name text not null,
		checksum text not null,
		applied_at timestamptz not null default now(),
		primary key (kind, name)
	);`;

interface PlannedFile {
	kind: FileKind;
	name: string;
	file: string;
}

async function sqlFiles(dir: string): Promise<string[]> {
	try {
		return (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw err;
	}
}

export async function planFiles(options: MigrateOptions): Promise<PlannedFile[]> {
	const plan: PlannedFile[] = [];
	if (options.platform !== false) {
		const dir = path.join(options.root, 'server', 'platform');
		for (const name of await sqlFiles(dir)) plan.push({ kind: 'platform', name, file: path.join(dir, name) });
	}
	const migrations = path.join(options.root, 'supabase', 'migrations');
	for (const name of await sqlFiles(migrations)) {
		if (!MIGRATION_NAME.test(name)) {
			throw new Error(`Migration ${name}: name must be YYYYMMDDHHmmss_description.sql (lowercase, underscores)`);
		}
		plan.push({ kind: 'migration', name, file: path.join(migrations, name) });
	}
	if (options.seed)
		plan.push({ kind: 'seed', name: 'seed.sql', file: path.join(options.root, 'supabase', 'seed.sql') });
	return plan;
}

/** Postgres reports a character position; people want a line number. */
function describeError(file: string, sql: string, err: unknown): Error {
	const message = err instanceof Error ? err.message : String(err);
	const position = Number((err as { position?: unknown }).position);
	const line = Number.isFinite(position) && position > 0 ? sql.slice(0, position).split('\n').length : undefined;
	return new Error(`${path.basename(file)}${line ? `:${line}` : ''}: ${message}`, { cause: err });
}

export async function migrate(db: Db, options: MigrateOptions): Promise<MigrateResult> {
	const unbounded = { timeoutMs: NO_DEADLINE };
	await db.exec(BOOKKEEPING, unbounded);
	const done = new Map<string, string>();
	const { rows } = await db.query<{ kind: string; name: string; checksum: string }>(
		'select kind, name, checksum from callboard_meta.applied',
		[],
		unbounded
	);
	for (const row of rows) done.set(`${row.kind}/${row.name}`, row.checksum);

	const result: MigrateResult = { applied: [], skipped: [] };
	for (const planned of await planFiles(options)) {
		const sql = await readFile(planned.file, 'utf8');
		const checksum = createHash('sha256').update(sql).digest('hex');
		const key = `${planned.kind}/${planned.name}`;
		const previous = done.get(key);
		if (previous === checksum || (previous !== undefined && planned.kind === 'seed')) {
			result.skipped.push(key);
			continue;
		}
		if (previous !== undefined && planned.kind === 'migration') {
			throw new Error(
				`Migration ${planned.name} was changed after it was applied; add a new migration instead of editing it`
			);
		}
		try {
			await db.transaction(async (tx) => {
				await tx.exec(sql);
				await tx.query(
					`insert into callboard_meta.applied (kind, name, checksum) values ($1, $2, $3)
					on conflict (kind, name) do update set checksum = excluded.checksum, applied_at = now()`,
					[planned.kind, planned.name, checksum]
				);
			}, unbounded);
		} catch (err) {
			throw describeError(planned.file, sql, err);
		}
		result.applied.push(key);
	}
	return result;
}
