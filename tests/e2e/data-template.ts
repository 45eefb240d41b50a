// A migrated and seeded data folder made once per Playwright run and copied
// for every server a spec starts: migrating and seeding a new database takes
// about ten seconds on this machine, a copy well under one, and a dozen specs
// start servers of their own. The first worker to need it makes it (a
// directory made with mkdir is the lock across workers); the others wait.
// The folder is copied only after the server that made it has stopped, so
// the copy is a clean database, never one mid-write.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { startSingleBox } from '../support/single-box-process';

/** Set by playwright.config.ts in the main process; workers inherit it. */
const RUN = process.env.CALLBOARD_E2E_RUN ?? `pid${process.pid}`;
const ROOT = path.join(os.tmpdir(), `callboard-e2e-template-${RUN}`);
const DATA = path.join(ROOT, 'data');
const READY = path.join(ROOT, 'ready');
const FAILED = path.join(ROOT, 'failed');
const WAIT_MS = 180_000;

async function make(): Promise<void> {
	try {
		const server = await startSingleBox({ dataDir: DATA, port: await freePort() });
		await server.stop();
		writeFileSync(READY, new Date().toISOString());
	} catch (err) {
		writeFileSync(FAILED, String(err));
		throw err;
	}
}

async function ready(): Promise<void> {
	const deadline = Date.now() + WAIT_MS;
	while (!existsSync(READY)) {
		if (existsSync(FAILED)) throw new Error('the data template could not be made (see the first worker’s error)');
		if (Date.now() > deadline) throw new Error(`no data template after ${WAIT_MS / 1000} s`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Fills `dataDir` (empty) with a copy of this run's migrated, seeded database. */
export async function copyDataTemplate(dataDir: string): Promise<void> {
	let mine = false;
	try {
		mkdirSync(ROOT);
		mine = true;
	} catch {
		// another worker makes it
	}
	if (mine) await make();
	else await ready();
	cpSync(DATA, dataDir, { recursive: true });
}

/** For the global teardown: the template goes with the run. */
export function removeDataTemplate(): void {
	rmSync(ROOT, { recursive: true, force: true });
}
