// Serves the built SPA: real files from build/, index.html for every other
// path (client-side routes), long caching only for content-hashed assets.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

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
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8'
};

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
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
		return (await stat(full)).isFile() ? full : undefined;
	} catch {
		return undefined;
	}
}

export function createStaticHandler(buildDir: string) {
	const root = path.resolve(buildDir);
	return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
		const found = await fileAt(root, pathname);
		// Unknown paths with a file extension are real misses, not routes.
		if (!found && path.extname(pathname) !== '') {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
			return;
		}
		const file = found ?? (await fileAt(root, '/index.html'));
		if (!file) {
			res
				.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
				.end('The app is not built yet: run npm run build');
			return;
		}
		const immutable = pathname.startsWith('/_app/immutable/');
		res.writeHead(200, {
			'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			'x-content-type-options': 'nosniff'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		// A file removed between stat and open (a rebuild) must not crash the server.
		createReadStream(file)
			.on('error', () => res.destroy())
			.pipe(res);
	};
}
