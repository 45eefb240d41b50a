// Runs the real single-box server (`server/main.ts`) as a child process on a
// fresh data folder, so a benchmark's clients and the server do not share
// one event loop — as on a real floor, where TVs are other machines.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../tests/support/free-port.ts';
import { startSingleBox, type SingleBoxProcess } from '../../tests/support/single-box-process.ts';

export type SpawnedServer = SingleBoxProcess;

export async function spawnServer(env: Record<string, string> = {}): Promise<SpawnedServer> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-'));
	const server = await startSingleBox({ dataDir, port: await freePort(), env });
	return {
		...server,
		async stop() {
			await server.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
