// The SPA file server: real files, index.html for routes, 404 for missing
// assets, nothing outside the build folder, no crash when unbuilt, and the
// security headers with a policy that names the page's inline script.
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static.ts';

let dir: string;

/** A page like SvelteKit's fallback: module preloads and one inline bootstrap script. */
const page = (bootstrap: string) =>
	`<!doctype html><link href="/_app/immutable/a.js" rel="modulepreload"><p>spa</p>` +
	`<script src="/_app/immutable/a.js"></script><script>${bootstrap}</script>`;

/** The policy's directives by name. */
function directives(res: Response): Map<string, string[]> {
	const policy = res.headers.get('content-security-policy') ?? '';
	return new Map(
		policy.split(';').map((part) => {
			const [name = '', ...values] = part.trim().split(/\s+/);
			return [name, values];
		})
	);
}
let server: Server;
let base: string;

async function serve(buildDir: string, apiOrigin?: string): Promise<[Server, string]> {
	const handle = createStaticHandler(buildDir, { apiOrigin });
	const s = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
	await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
	return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-static-'));
	mkdirSync(path.join(dir, 'build', '_app', 'immutable'), { recursive: true });
	writeFileSync(path.join(dir, 'build', 'index.html'), page('window.started = true;'));
	writeFileSync(path.join(dir, 'build', '_app', 'immutable', 'a.js'), 'export {}');
	mkdirSync(path.join(dir, 'build', '_app', 'immutable', 'nodes'));
	writeFileSync(
		path.join(dir, 'build', '_app', 'immutable', 'nodes', '0.js'),
		'export const t = `<div style="position: absolute; left: 0"></div>`;'
	);
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

	it('answers a path that is no page with index.html and status 404, when it knows the routes', async () => {
		const routesDir = path.resolve(import.meta.dirname, '../../src/routes');
		const handle = createStaticHandler(path.join(dir, 'build'), { routesDir });
		const s = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://x').pathname));
		await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
		const at = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
		try {
			const missing = await fetch(`${at}/no/such/page`);
			expect(missing.status).toBe(404);
			// The app renders its own "page not found" from the same page.
			expect(await missing.text()).toContain('spa');
			expect((await fetch(`${at}/me/attendance/2026-11`)).status).toBe(200);
			expect((await fetch(`${at}/_app/immutable/a.js`)).status).toBe(200);
		} finally {
			s.closeAllConnections();
			s.close();
		}
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

	it('sends a policy that allows this origin and the inline bootstrap by its hash, nothing inline else', async () => {
		const res = await fetch(`${base}/wall`);
		const csp = directives(res);
		expect(csp.get('script-src')).toEqual([
			"'self'",
			"'wasm-unsafe-eval'",
			"'sha256-zoVSi18jtsR7IKR3l6ObXCdaKf30QeIkXK8uzVa0DqY='"
		]);
		expect(csp.get('style-src')).toEqual(["'self'"]);
		// The one style attribute the built templates write, by its hash.
		expect(csp.get('style-src-attr')).toEqual([
			"'unsafe-hashes'",
			"'sha256-Tw6+ScIk2RZaueZbOcYpSYU2FEZ3jfhw2pkHd/ufz+I='"
		]);
		expect(csp.get('connect-src')).toEqual(["'self'"]);
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'none'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
		// WebAssembly may compile (the schedule solver); eval() may not.
		expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('hashes the new script after a rebuild changes index.html', async () => {
		const index = path.join(dir, 'build', 'index.html');
		writeFileSync(index, page('window.started = 2;'));
		utimesSync(index, new Date(), new Date(Date.now() + 5_000));
		try {
			const csp = directives(await fetch(`${base}/`));
			expect(csp.get('script-src')).toEqual([
				"'self'",
				"'wasm-unsafe-eval'",
				"'sha256-RLCBeTObVw6TpY9wQpDMsvTGi/Qr/gMiSfhtD/oBEqY='"
			]);
		} finally {
			writeFileSync(index, page('window.started = true;'));
			utimesSync(index, new Date(), new Date(Date.now() + 10_000));
		}
	});

	it('allows a configured API origin for fetch and its WebSocket', async () => {
		const [other, otherBase] = await serve(path.join(dir, 'build'), 'https://callboard.example.com');
		try {
			const csp = directives(await fetch(`${otherBase}/login`));
			expect(csp.get('connect-src')).toEqual([
				"'self'",
				'https://callboard.example.com',
				'wss://callboard.example.com'
			]);
		} finally {
			other.close();
		}
	});

	it('sends the headers on assets and misses too', async () => {
		for (const res of [await fetch(`${base}/_app/immutable/a.js`), await fetch(`${base}/_app/missing.js`)]) {
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(directives(res).get('frame-ancestors')).toEqual(["'none'"]);
		}
	});
});
