// The single-box server: one Node process that opens the database (PGlite in
// the data folder, or Postgres at DATABASE_URL), applies the platform shim and
// migrations, seeds the demo on first start, and serves the SPA and its
// runtime config on one origin. `npm start` runs this.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './build.ts';
import { openDb } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { readEnv } from './env.ts';
import { createStaticHandler } from './http/static.ts';
import { loadOrCreateKeys } from './keys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[callboard] ${line}`);

const DEMO_LOGINS = [
	'admin@demo.local',
	'manager@demo.local',
	'supervisor@demo.local',
	'lead1@demo.local … lead4@demo.local',
	'agent01@demo.local … agent40@demo.local',
	'display@demo.local (wall TV)'
];

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

async function main(): Promise<void> {
	const env = readEnv();
	if (!env.skipBuild) await ensureBuild(root, log);

	const keys = await loadOrCreateKeys(env.dataDir);
	const db = await openDb(
		env.databaseUrl ? { databaseUrl: env.databaseUrl } : { dataDir: path.join(env.dataDir, 'pgdata') }
	);
	const migrated = await migrate(db, { root, seed: env.seed });
	log(
		`database ready (${db.engine}); applied ${migrated.applied.length} file(s), ${migrated.skipped.length} already applied`
	);

	const serveStatic = createStaticHandler(path.join(root, 'build'));
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname === '/config.json') {
			// Same origin as the page, whatever name the TV or browser used to reach us.
			const origin = `http://${req.headers.host ?? `localhost:${env.port}`}`;
			sendJson(res, 200, { supabaseUrl: origin, supabaseAnonKey: keys.anon_key });
			return;
		}
		if (/^\/(auth|rest|realtime)\/v1(\/|$)/.test(url.pathname)) {
			sendJson(res, 501, {
				code: 'not_implemented',
				message: 'This build serves the app only: the auth, REST and realtime API is not available yet.'
			});
			return;
		}
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			sendJson(res, 405, { message: `Method ${req.method ?? ''} not allowed` });
			return;
		}
		await serveStatic(req, res, url.pathname);
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			console.error('[callboard] request failed:', err);
			if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
			else res.destroy();
		});
	});
	await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : env.port;
	log(`Callboard is running at http://localhost:${port}/`);
	log(`demo logins (password "callboard"): ${DEMO_LOGINS.join(', ')}`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log(`${signal}: shutting down`);
		server.close();
		server.closeAllConnections();
		db.close().then(
			() => process.exit(0),
			(err: unknown) => {
				console.error('[callboard] closing the database failed:', err);
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error('[callboard] failed to start:', err instanceof Error ? err.message : err);
	process.exit(1);
});
