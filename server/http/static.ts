// Serves the built SPA: real files from build/, index.html for every other
// path (client-side routes), long caching only for content-hashed assets,
// and on every answer the SPA's security headers, whose hashes are read from
// the build itself — the HTML's inline script, the templates' style
// attributes — and read again when a rebuild changes the HTML.
import { createReadStream, type Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
	inlineScriptHashes,
	sha256Source,
	spaContentSecurityPolicy,
	styleAttributeValues
} from './content-security-policy.ts';
import { spaSecurityHeaders } from './security-headers.ts';
import { isSpaRoute, readSpaRoutes, type SpaRoutes } from './spa-routes.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	// The schedule solver's HiGHS; the browser compiles it while it streams only when typed so.
	'.wasm': 'application/wasm',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8'
};

export interface StaticOptions {
	/** PUBLIC_URL, when the API is to be reached there rather than on the page's own origin. */
	apiOrigin?: string;
	/** SvelteKit's src/routes: a path that is none of its pages gets index.html with status 404. */
	routesDir?: string;
}

interface Found {
	file: string;
	stats: Stats;
}

async function fileAt(root: string, urlPath: string): Promise<Found | undefined> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	const full = path.join(root, path.normalize(decoded));
	// path.join normalises '..' away; anything still outside root is refused.
	if (full !== root && !full.startsWith(root + path.sep)) return undefined;
	try {
		const stats = await stat(full);
		return stats.isFile() ? { file: full, stats } : undefined;
	} catch {
		return undefined;
	}
}

/** Hashes of every style attribute value the built client code writes in its templates. */
async function builtStyleAttributeHashes(root: string): Promise<string[]> {
	const dir = path.join(root, '_app', 'immutable');
	let files: string[];
	try {
		files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js'));
	} catch {
		return [];
	}
	const values = new Set<string>();
	for (const file of files) {
		// A chunk removed by a rebuild meanwhile is simply not counted; the next HTML change rescans.
		const code = await readFile(path.join(dir, file), 'utf8').catch(() => '');
		for (const value of styleAttributeValues(code)) values.add(value);
	}
	return [...values].sort().map(sha256Source);
}

/** The policy of one HTML file and the build it belongs to, recomputed only when the file changes. */
class PolicyCache {
	#byFile = new Map<string, { mtimeMs: number; size: number; policy: string }>();
	/** The policy of the last HTML served, for the assets a page loads. */
	#latest: string;
	readonly #root: string;
	readonly #apiOrigin: string | undefined;

	constructor(root: string, apiOrigin: string | undefined) {
		this.#root = root;
		this.#apiOrigin = apiOrigin;
		this.#latest = spaContentSecurityPolicy({ scriptHashes: [], styleAttributeHashes: [], apiOrigin });
	}

	get latest(): string {
		return this.#latest;
	}

	async forHtml({ file, stats }: Found): Promise<string> {
		const cached = this.#byFile.get(file);
		if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return (this.#latest = cached.policy);
		const html = await readFile(file, 'utf8');
		const policy = spaContentSecurityPolicy({
			scriptHashes: inlineScriptHashes(html),
			styleAttributeHashes: await builtStyleAttributeHashes(this.#root),
			apiOrigin: this.#apiOrigin
		});
		this.#byFile.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, policy });
		return (this.#latest = policy);
	}
}

export function createStaticHandler(buildDir: string, options: StaticOptions = {}) {
	const root = path.resolve(buildDir);
	const policies = new PolicyCache(root, options.apiOrigin);
	// Read once: the single box serves the build of the checkout it started from.
	const routes: Promise<SpaRoutes | undefined> = options.routesDir
		? readSpaRoutes(options.routesDir)
		: Promise.resolve(undefined);
	const plain = (res: ServerResponse, status: number, text: string) =>
		res
			.writeHead(status, { ...spaSecurityHeaders(policies.latest), 'content-type': 'text/plain; charset=utf-8' })
			.end(text);

	return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
		const found = await fileAt(root, pathname);
		// Unknown paths with a file extension are real misses, not routes.
		if (!found && path.extname(pathname) !== '') {
			plain(res, 404, 'Not found');
			return;
		}
		const served = found ?? (await fileAt(root, '/index.html'));
		if (!served) {
			plain(res, 503, 'The app is not built yet: run npm run build');
			return;
		}
		const extension = path.extname(served.file);
		let policy = policies.latest;
		if (extension === '.html') {
			try {
				policy = await policies.forHtml(served);
			} catch {
				// Removed by a rebuild between stat and read: the stream below fails the same way.
			}
		}
		const immutable = pathname.startsWith('/_app/immutable/');
		const known = found !== undefined || (await routes.then((r) => r === undefined || isSpaRoute(r, pathname)));
		res.writeHead(known ? 200 : 404, {
			...spaSecurityHeaders(policy),
			'content-type': TYPES[extension] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		// A file removed between stat and open (a rebuild) must not crash the server.
		createReadStream(served.file)
			.on('error', () => res.destroy())
			.pipe(res);
	};
}
