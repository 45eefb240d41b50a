// The start command rebuilds the SPA only when a source changed since the
// last build; generated folders (the compiled messages) do not count.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsStale } from './build';

let root: string;
const past = new Date('2026-01-01T00:00:00Z');
const built = new Date('2026-01-02T00:00:00Z');
const later = new Date('2026-01-03T00:00:00Z');

const file = (relative: string, time: Date) => {
	const full = path.join(root, relative);
	mkdirSync(path.dirname(full), { recursive: true });
	writeFileSync(full, relative);
	utimesSync(full, time, time);
};
const age = (relative: string, time: Date) => utimesSync(path.join(root, relative), time, time);

beforeEach(() => {
	root = mkdtempSync(path.join(os.tmpdir(), 'callboard-build-'));
	file('src/routes/+page.svelte', past);
	file('src/lib/paraglide/messages.js', past);
	file('src/lib/util.ts', past);
	for (const dir of ['src/routes', 'src/lib/paraglide', 'src/lib', 'src']) age(dir, past);
	file('build/index.html', built);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildIsStale', () => {
	it('is fresh when nothing changed since the build, and stale without a build', async () => {
		expect(await buildIsStale(root)).toBe(false);
		rmSync(path.join(root, 'build'), { recursive: true });
		expect(await buildIsStale(root)).toBe(true);
	});

	it('is stale when a source file is newer than the build', async () => {
		age('src/lib/util.ts', later);
		expect(await buildIsStale(root)).toBe(true);
	});

	it('is stale when a route was deleted (its folder changed)', async () => {
		age('src/routes', later);
		expect(await buildIsStale(root)).toBe(true);
	});

	it('stays fresh when the message compiler wrote its cache', async () => {
		file('project.inlang/settings.json', past);
		age('project.inlang', past);
		file('project.inlang/cache/paraglide-js/compiled.json', later);
		age('project.inlang/cache', later);
		expect(await buildIsStale(root)).toBe(false);
		age('project.inlang/settings.json', later);
		expect(await buildIsStale(root)).toBe(true);
	});

	it('stays fresh when the compiled messages were written again', async () => {
		age('src/lib/paraglide/messages.js', later);
		age('src/lib/paraglide', later);
		age('src/lib', later);
		expect(await buildIsStale(root)).toBe(false);
	});
});
