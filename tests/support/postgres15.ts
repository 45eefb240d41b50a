// A throwaway Debian PostgreSQL 15 for tests: a fresh cluster in a temporary
// folder on a free port, tuned for speed (no fsync), removed on stop. It is
// either made by initdb or copied from a template, a cluster that was filled
// once and stopped cleanly (makePostgres15Template): a copy starts in a
// fraction of the time that initdb and migrating take.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './free-port.ts';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres15 {
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
}

export interface Postgres15Options {
	/** The data folder of a stopped cluster to start from (a copy of it) instead of a new, empty one. */
	copyOf?: string;
}

/** A server running on a cluster; stopping it leaves the folder alone. */
interface Running {
	url: string;
	port: number;
	stopServer(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: use the postgres account then. */
function asDbUser(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A new temporary folder for the cluster and its socket, owned by whoever runs postgres. */
function makeBase(): string {
	const base = mkdtempSync(path.join(os.tmpdir(), 'callboard-pg15-'));
	if (isRoot()) chownSync(base, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
	return base;
}

function initCluster(dataDir: string): void {
	const [initCmd, initArgs] = asDbUser(`${BIN}/initdb`, [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C.UTF-8'
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || String(init.error)}`);
}

/** cp -a: the copy keeps the postgres owner and the 0700 mode postgres insists on. */
function copyCluster(from: string, dataDir: string): void {
	const copied = spawnSync('cp', ['-a', from, dataDir], { encoding: 'utf8' });
	if (copied.status !== 0) {
		throw new Error(`copying the cluster ${from} failed: ${copied.stderr || String(copied.error)}`);
	}
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${log()}`);
		const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
		try {
			await sql`select 1`;
			return;
		} catch (err) {
			if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s:\n${log()}`, { cause: err });
		} finally {
			await sql.end({ timeout: 1 });
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function run(base: string, dataDir: string): Promise<Running> {
	const port = await freePort();
	const settings = [
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'listen_addresses=127.0.0.1',
		'max_connections=200'
	];
	const [cmd, args] = asDbUser(`${BIN}/postgres`, [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		base,
		...settings.flatMap((s) => ['-c', s])
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

	// If the test process dies, do not leave a server behind.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);

	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	try {
		await waitUntilReady(url, child, () => output);
	} catch (err) {
		process.off('exit', killOnExit);
		child.kill('SIGKILL');
		throw err;
	}

	return {
		url,
		port,
		async stopServer() {
			process.off('exit', killOnExit);
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			// runuser does not pass signals on to postgres; pg_ctl's fast shutdown does (and checkpoints).
			const [stopCmd, stopArgs] = asDbUser(`${BIN}/pg_ctl`, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
			const stopped = spawnSync(stopCmd, stopArgs, { encoding: 'utf8' });
			if (stopped.status !== 0) child.kill('SIGKILL');
			await exited;
		}
	};
}

export async function startPostgres15(options: Postgres15Options = {}): Promise<Postgres15> {
	const base = makeBase();
	const dataDir = path.join(base, 'data');
	const cleanup = () => rmSync(base, { recursive: true, force: true });
	let running: Running;
	try {
		if (options.copyOf === undefined) initCluster(dataDir);
		else copyCluster(options.copyOf, dataDir);
		running = await run(base, dataDir);
	} catch (err) {
		cleanup();
		throw err;
	}
	return {
		url: running.url,
		port: running.port,
		dataDir,
		async stop() {
			await running.stopServer();
			cleanup();
		}
	};
}

/**
 * Makes a cluster at `target` (which must not exist yet) for startPostgres15's
 * `copyOf`: a new one, filled by `fill` through `url`, then stopped cleanly, so
 * a copy starts without crash recovery.
 */
export async function makePostgres15Template(target: string, fill: (url: string) => Promise<void>): Promise<void> {
	const base = makeBase();
	const dataDir = path.join(base, 'data');
	try {
		initCluster(dataDir);
		const running = await run(base, dataDir);
		try {
			await fill(running.url);
		} finally {
			await running.stopServer();
		}
		renameSync(dataDir, target);
	} finally {
		rmSync(base, { recursive: true, force: true });
	}
}
