// Which paths are pages of the SPA, read from SvelteKit's route folders, so
// the file server can answer an unknown path with HTTP 404 (the app still
// renders its own "page not found" from the same index.html). Without this
// every mistyped link was a 200, which monitors, crawlers and a TV's kiosk
// browser all take for a working page.
//
// Folder names follow SvelteKit: `(group)` adds no segment, `[name]` is one
// segment, `[[name]]` an optional one, `[...rest]` any number. A page is a
// folder holding a `+page.svelte`. Parameter values are not checked here (a
// team that does not exist is the page's own 404); only the shape is.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

type Segment = { kind: 'fixed'; text: string } | { kind: 'param' } | { kind: 'optional' } | { kind: 'rest' };

export type SpaRoutes = Segment[][];

function segmentOf(folder: string): Segment | undefined {
	if (/^\(.*\)$/.test(folder)) return undefined;
	if (/^\[\.\.\.[^\]]+\]$/.test(folder)) return { kind: 'rest' };
	if (/^\[\[[^\]]+\]\]$/.test(folder)) return { kind: 'optional' };
	if (/^\[[^\]]+\]$/.test(folder)) return { kind: 'param' };
	return { kind: 'fixed', text: folder };
}

/** The page routes under `routesDir`, or undefined when the folder cannot be read. */
export async function readSpaRoutes(routesDir: string): Promise<SpaRoutes | undefined> {
	const routes: SpaRoutes = [];
	async function walk(dir: string, segments: Segment[]): Promise<void> {
		const entries = await readdir(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && /^\+page(@.*)?\.svelte$/.test(e.name))) routes.push(segments);
		for (const entry of entries) {
			if (!entry.isDirectory()) continue;
			const segment = segmentOf(entry.name);
			await walk(path.join(dir, entry.name), segment ? [...segments, segment] : segments);
		}
	}
	try {
		await walk(routesDir, []);
	} catch {
		return undefined;
	}
	return routes;
}

function matchFrom(route: Segment[], parts: string[], r: number, p: number): boolean {
	if (r === route.length) return p === parts.length;
	const segment = route[r]!;
	switch (segment.kind) {
		case 'fixed':
			return parts[p] === segment.text && matchFrom(route, parts, r + 1, p + 1);
		case 'param':
			return p < parts.length && matchFrom(route, parts, r + 1, p + 1);
		case 'optional':
			return (p < parts.length && matchFrom(route, parts, r + 1, p + 1)) || matchFrom(route, parts, r + 1, p);
		case 'rest':
			for (let q = p; q <= parts.length; q++) if (matchFrom(route, parts, r + 1, q)) return true;
			return false;
	}
}

/** Whether a URL path (as received, percent-encoded) is one of the routes. */
export function isSpaRoute(routes: SpaRoutes, pathname: string): boolean {
	let parts: string[];
	try {
		parts = pathname
			.split('/')
			.filter((part) => part !== '')
			.map((part) => decodeURIComponent(part));
	} catch {
		return false;
	}
	return routes.some((route) => matchFrom(route, parts, 0, 0));
}
