// A throwaway Debian PostgreSQL 15 for tests: a fresh cluster in a temporary
// folder on a free port, tuned for speed (no fsync), removed on stop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
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

/** initdb and postgres refuse to run as root: use the postgres account then. */
function asDbUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
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

export async function startPostgres15(): Promise<Postgres15> {
	const base = mkdtempSync(path.join(os.tmpdir(), 'callboard-pg15-'));
	if (process.getuid?.() === 0) chownSync(base, Number(spawnSync('id', ['-u', 'postgres']).stdout), 0);
	const dataDir = path.join(base, 'data');
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
	if (init.status !== 0) {
		rmSync(base, { recursive: true, force: true });
		throw new Error(`initdb failed: ${init.stderr || init.stdout || String(init.error)}`);
	}

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
	const cleanup = () => rmSync(base, { recursive: true, force: true });
	try {
		await waitUntilReady(url, child, () => output);
	} catch (err) {
		child.kill('SIGKILL');
		cleanup();
		throw err;
	}

	return {
		url,
		port,
		dataDir,
		async stop() {
			process.off('exit', killOnExit);
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				// runuser does not pass signals on to postgres; pg_ctl's fast shutdown does.
				const [stopCmd, stopArgs] = asDbUser(`${BIN}/pg_ctl`, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
				const stopped = spawnSync(stopCmd, stopArgs, { encoding: 'utf8' });
				if (stopped.status !== 0) child.kill('SIGKILL');
				await exited;
			}
			cleanup();
		}
	};
}
