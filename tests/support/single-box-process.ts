// The real single-box server (`server/main.ts`) as a child process on a data
// folder and port the caller owns: for benchmarks, whose clients must not
// share the server's event loop (TVs are other machines), and for end-to-end
// tests that stop and restart it over the same data. The SPA is not built
// here, and the simulator is off unless `env` turns it on.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadOrCreateKeys, type ApiKeys } from '../../server/keys.ts';

export interface SingleBoxProcess {
	url: string;
	/** The keys the server made in its data folder on first start. */
	keys: ApiKeys;
	/** SIGTERM; resolves once the process has exited. */
	stop(): Promise<void>;
}

export interface SingleBoxOptions {
	dataDir: string;
	port: number;
	/** More environment for the server, over the defaults. */
	env?: Record<string, string>;
}

const START_TIMEOUT_MS = 180_000;

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

/** Resolves once the server answers /config.json, the first thing it serves. */
async function untilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
		try {
			if ((await fetch(`${url}/config.json`)).ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start in ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export async function startSingleBox(options: SingleBoxOptions): Promise<SingleBoxProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: {
			...process.env,
			PORT: String(options.port),
			HOST: '127.0.0.1',
			CALLBOARD_DATA: options.dataDir,
			CALLBOARD_SKIP_BUILD: '1',
			CALLBOARD_SIMULATE: '0',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const url = `http://127.0.0.1:${options.port}`;
	try {
		await untilAnswering(url, child, () => output);
	} catch (err) {
		// A server that never answered must not outlive the test that gave up on it.
		await stopChild(child);
		throw err;
	}
	return { url, keys: await loadOrCreateKeys(options.dataDir), stop: () => stopChild(child) };
}
