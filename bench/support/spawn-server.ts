// Runs the real single-box server (`server/main.ts`) as a child process on a
// fresh data folder, so a benchmark's clients and the server do not share
// one event loop — as on a real floor, where TVs are other machines.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiKeys } from '../../server/keys.ts';

export interface SpawnedServer {
	url: string;
	keys: ApiKeys;
	stop(): Promise<void>;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export async function spawnServer(env: Record<string, string> = {}): Promise<SpawnedServer> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-'));
	const port = await freePort();
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			CALLBOARD_DATA: dataDir,
			CALLBOARD_SKIP_BUILD: '1',
			CALLBOARD_SIMULATE: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr.on('data', (d: Buffer) => (output += d.toString()));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
		try {
			if ((await fetch(`${url}/config.json`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not start in 180 s:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	const keys = JSON.parse(readFileSync(path.join(dataDir, 'keys.json'), 'utf8')) as ApiKeys;
	return {
		url,
		keys,
		async stop() {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
