// The SPA file server: real files, index.html for routes, 404 for missing
// assets, nothing outside the build folder, no crash when unbuilt.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static.ts';

let dir: string;
let server: Server;
let base: string;

async function serve(buildDir: string): Promise<[Server, string]> {
	const handle = createStaticHandler(buildDir);
	const s = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
	await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
	return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-static-'));
	mkdirSync(path.join(dir, 'build', '_app', 'immutable'), { recursive: true });
	writeFileSync(path.join(dir, 'build', 'index.html'), '<!doctype html><p>spa</p>');
	writeFileSync(path.join(dir, 'build', '_app', 'immutable', 'a.js'), 'export {}');
	writeFileSync(path.join(dir, 'secret.txt'), 'outside');
	[server, base] = await serve(path.join(dir, 'build'));
});

afterAll(() => {
	server.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('static handler', () => {
	it('serves files with their type and hashed assets as immutable', async () => {
		const res = await fetch(`${base}/_app/immutable/a.js`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/javascript/);
		expect(res.headers.get('cache-control')).toMatch(/immutable/);
	});

	it('answers client-side routes with index.html, not cached', async () => {
		const res = await fetch(`${base}/wall/queue/abc`);
		expect(await res.text()).toContain('spa');
		expect(res.headers.get('cache-control')).toBe('no-cache');
	});

	it('answers a missing asset with 404', async () => {
		expect((await fetch(`${base}/_app/missing.js`)).status).toBe(404);
	});

	it('never serves files outside the build folder', async () => {
		for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
			const res = await fetch(`${base}${p}`);
			expect(await res.text()).not.toContain('outside');
		}
	});

	it('says the app is not built instead of crashing', async () => {
		const [bare, bareBase] = await serve(path.join(dir, 'nothing-here'));
		try {
			expect((await fetch(`${bareBase}/`)).status).toBe(503);
			expect((await fetch(`${bareBase}/`)).status).toBe(503);
		} finally {
			bare.close();
		}
	});
});
