// Migrated and seeded templates that every test database starts as, one per
// engine per vitest run, instead of migrating and seeding each database anew
// (seconds each, a test suite opens dozens): a PostgreSQL 15 cluster to copy
// (postgres15.ts), and for PGlite a data folder to copy plus its dump, which
// an in-memory database loads (PgliteOptions.initialDump).
//
// The first process that needs a template makes it; mkdir is the lock across
// vitest's fork processes, the others wait for its ready marker. Templates
// live in os.tmpdir() under the run's id, which db-template-setup.ts (the
// vitest globalSetup) provides and whose teardown removes them. A template
// is named after what it was made from — every platform, migration and seed
// file and the demo site's date, as the seed's schedules and visits depend on
// it — so an edited migration or a run across the site's midnight gets a new
// one instead of a stale copy; openTestDatabase still migrates each copy, which
// applies nothing unless a file appeared since the template was named.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { inject } from 'vitest';
import { migrate, planFiles } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { pgliteAssets } from '../../server/db/pglite-assets.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { templatesRoot } from './db-template-setup.ts';
import { DEMO_TIME_ZONE } from './demo.ts';
import { makePostgres15Template } from './postgres15.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How long a process waits for another to make a template (migrating under load takes ~10 s). */
const WAIT_MS = 180_000;

export interface PgliteTemplate {
	/** A data folder closed cleanly: copy it for a database on disk. */
	dataDir: string;
	/** The same database dumped (a tarball) for an in-memory one. */
	dump: string;
}

/**
 * The run's id from the globalSetup; outside it (a config without the setup)
 * this process's own, whose templates go when the process ends.
 */
function currentRoot(): string {
	const run = inject('dbTemplateRun');
	if (run) return templatesRoot(run);
	const own = templatesRoot(`pid${process.pid}`);
	process.once('exit', () => rmSync(own, { recursive: true, force: true }));
	return own;
}

let root: string | undefined;

/** What a template is made from: the files migrate() applies and the demo site's date. */
async function sourceKey(): Promise<string> {
	const hash = createHash('sha256');
	for (const planned of await planFiles({ root: REPO_ROOT, seed: true })) {
		hash
			.update(`${planned.kind}/${planned.name}\0`)
			.update(await readFile(planned.file))
			.update('\0');
	}
	hash.update(new Date().toLocaleDateString('en-CA', { timeZone: DEMO_TIME_ZONE }));
	return hash.digest('hex').slice(0, 16);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function awaitReady(dir: string): Promise<void> {
	const deadline = Date.now() + WAIT_MS;
	const marker = (name: string) => path.join(dir, name);
	while (!existsSync(marker('ready'))) {
		if (existsSync(marker('failed'))) {
			throw new Error(`the database template ${dir} could not be made: ${readFileSync(marker('failed'), 'utf8')}`);
		}
		// The maker writes its pid right after taking the lock; a maker that died leaves no marker.
		const maker = existsSync(marker('maker')) ? Number(readFileSync(marker('maker'), 'utf8')) : 0;
		if (maker > 0 && !pidAlive(maker) && !existsSync(marker('ready'))) {
			throw new Error(`the process making the database template ${dir} (pid ${maker}) ended before it was ready`);
		}
		if (Date.now() > deadline) throw new Error(`no database template in ${dir} after ${WAIT_MS / 1000} s`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The folder of template `kind` for the current files, made by `make` in this process unless another did. */
async function template(kind: string, make: (dir: string) => Promise<void>): Promise<string> {
	root ??= currentRoot();
	const dir = path.join(root, `${kind}-${await sourceKey()}`);
	mkdirSync(root, { recursive: true });
	try {
		mkdirSync(dir);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		await awaitReady(dir);
		return dir;
	}
	writeFileSync(path.join(dir, 'maker'), String(process.pid));
	try {
		await make(dir);
	} catch (err) {
		writeFileSync(path.join(dir, 'failed'), err instanceof Error ? err.message : String(err));
		throw err;
	}
	writeFileSync(path.join(dir, 'ready'), new Date().toISOString());
	return dir;
}

const migrateAndSeed = { root: REPO_ROOT, seed: true };

async function makePglite(dir: string): Promise<void> {
	const dataDir = path.join(dir, 'data');
	const db = await openPglite({ dataDir });
	try {
		await migrate(db, migrateAndSeed);
	} finally {
		await db.close();
	}
	// The dump is taken from a copy: opening a folder writes to it, and the
	// folder is the other half of the template.
	const scratch = path.join(dir, 'dumping');
	cpSync(dataDir, scratch, { recursive: true });
	try {
		const pg = await PGlite.create({ dataDir: scratch, extensions: { pgcrypto }, ...(await pgliteAssets()) });
		try {
			const dump = await pg.dumpDataDir('none');
			writeFileSync(path.join(dir, 'dump.tar'), new Uint8Array(await dump.arrayBuffer()));
		} finally {
			await pg.close();
		}
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

export async function pgliteTemplate(): Promise<PgliteTemplate> {
	const dir = await template('pglite', makePglite);
	return { dataDir: path.join(dir, 'data'), dump: path.join(dir, 'dump.tar') };
}

/** A dump's bytes, read once per process: a spec may open several databases. */
const dumps = new Map<string, Uint8Array>();

export async function pgliteDump(): Promise<Uint8Array> {
	const { dump } = await pgliteTemplate();
	let bytes = dumps.get(dump);
	if (!bytes) {
		bytes = new Uint8Array(await readFile(dump));
		dumps.clear();
		dumps.set(dump, bytes);
	}
	return bytes;
}

/** The data folder of a stopped PostgreSQL 15 cluster, for startPostgres15's copyOf. */
export async function postgresTemplate(): Promise<string> {
	const dir = await template('postgres', (made) =>
		makePostgres15Template(path.join(made, 'data'), async (url) => {
			const db = openPostgres(url, {});
			try {
				await migrate(db, migrateAndSeed);
			} finally {
				await db.close();
			}
		})
	);
	return path.join(dir, 'data');
}
