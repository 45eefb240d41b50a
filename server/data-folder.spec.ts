// The real server (`server/main.ts` as a child process) keeps its data folder
// private: created 0700 with every folder in it 0700 and every file 0600
// (keys, the embedded database, its WAL) — including what PGlite writes
// while it runs — and a folder an older version left open is tightened at start.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, STAFF } from '../tests/support/demo.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startSingleBox } from '../tests/support/single-box-process.ts';

interface Entry {
	entry: string;
	mode: number;
	folder: boolean;
}

function walk(dir: string): Entry[] {
	const found: Entry[] = [];
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		const stat = statSync(full);
		found.push({ entry: full, mode: stat.mode & 0o777, folder: stat.isDirectory() });
		if (stat.isDirectory()) found.push(...walk(full));
	}
	return found;
}

const notPrivate = (entries: Entry[]) => entries.filter((e) => e.mode !== (e.folder ? 0o700 : 0o600));

describe('the data folder', () => {
	const parent = mkdtempSync(path.join(os.tmpdir(), 'callboard-data-'));
	const dataDir = path.join(parent, 'data');
	afterAll(() => rmSync(parent, { recursive: true, force: true }));

	it('is created private, with everything the server and PGlite write in it', async () => {
		const server = await startSingleBox({ dataDir, port: await freePort() });
		try {
			// Writes while running: a sign-in stores a session and a refresh token (in the WAL).
			const res = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
				method: 'POST',
				headers: { apikey: server.keys.anon_key, 'content-type': 'application/json' },
				body: JSON.stringify({ email: STAFF.display.email, password: DEMO_PASSWORD })
			});
			expect(res.status).toBe(200);
		} finally {
			await server.stop();
		}
		expect(statSync(dataDir).mode & 0o777).toBe(0o700);
		const entries = walk(dataDir);
		expect(entries.length).toBeGreaterThan(500);
		expect(entries.some((e) => e.entry.endsWith('keys.json'))).toBe(true);
		expect(entries.some((e) => e.entry.includes('pg_wal'))).toBe(true);
		expect(notPrivate(entries)).toEqual([]);
	});

	it('is tightened at start when an older version left it open', async () => {
		// What the tester found: world-writable files and world-readable folders.
		chmodSync(dataDir, 0o755);
		for (const e of walk(dataDir)) chmodSync(e.entry, e.folder ? 0o777 : 0o666);
		expect(notPrivate(walk(dataDir)).length).toBeGreaterThan(500);

		const server = await startSingleBox({ dataDir, port: await freePort() });
		await server.stop();
		expect(statSync(dataDir).mode & 0o777).toBe(0o700);
		expect(notPrivate(walk(dataDir))).toEqual([]);
	});
});
