// The single-box API server: one HTTP origin that serves /auth/v1, /rest/v1,
// /realtime/v1/websocket (Supabase's paths, so an unmodified supabase-js
// client talks to it), /config.json and the built SPA. main.ts runs it for
// `npm start`; contract tests and benchmarks start it in-process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthApi } from './auth/api.ts';
import type { ServerContext } from './context.ts';
import { clientAddressResolver } from './http/client-address.ts';
import { listenUrl } from './http/public-url.ts';
import { API_SECURITY_HEADERS } from './http/security-headers.ts';
import { createStaticHandler } from './http/static.ts';
import { sendJson } from './http/respond.ts';
import { createRestApi } from './rest/api.ts';
import { createRealtimeServer } from './realtime/server.ts';

export interface AppOptions extends Pick<ServerContext, 'db' | 'keys' | 'log' | 'limits'> {
	port: number;
	host: string;
	/** Folder of the built SPA; omit to serve the API only. */
	buildDir?: string;
	/** The SPA's route folders, so unknown paths are answered 404 (see http/spa-routes.ts). */
	routesDir?: string;
	/** PUBLIC_URL (an origin, see http/public-url.ts); omit to use the listen address. */
	publicUrl?: string;
	/** Reverse proxies whose X-Forwarded-For names the client (CALLBOARD_TRUSTED_PROXIES). */
	trustedProxies?: string[];
}

export interface RunningApp {
	server: Server;
	port: number;
	/** http://host:port of the listen address, without a trailing slash. */
	url: string;
	/** The configured PUBLIC_URL, else `url`: what tokens name as their issuer. */
	publicUrl: string;
	close(): Promise<void>;
}

const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
	'access-control-allow-headers':
		'authorization, apikey, content-type, prefer, range, range-unit, accept, accept-profile, content-profile, x-client-info, x-supabase-api-version',
	'access-control-expose-headers':
		'content-range, content-location, preference-applied, x-supabase-api-version, x-total-count, link',
	'access-control-max-age': '86400'
};

export async function startApp(options: AppOptions): Promise<RunningApp> {
	// Port 0 means "any free port": the listen address is known only after listen().
	let listening = listenUrl(options.host, options.port);
	const ctx: ServerContext = {
		db: options.db,
		keys: options.keys,
		log: options.log,
		publicUrl: () => options.publicUrl ?? listening,
		clientAddress: clientAddressResolver(options.trustedProxies),
		limits: options.limits
	};
	const auth = createAuthApi(ctx);
	const rest = createRestApi(ctx);
	const realtime = await createRealtimeServer(ctx);
	const serveStatic = options.buildDir
		? createStaticHandler(options.buildDir, { apiOrigin: options.publicUrl, routesDir: options.routesDir })
		: undefined;

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const api = /^\/(auth|rest|realtime)\/v1(\/|$)/.exec(url.pathname)?.[1];
		const isRead = req.method === 'GET' || req.method === 'HEAD';
		const toSpa = serveStatic !== undefined && !api && url.pathname !== '/config.json' && isRead;
		// The SPA's files carry their own page policy (http/static.ts); every other answer is data.
		if (!toSpa) for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
		if (api) {
			// supabase-js in a browser on another origin (a TV on the LAN opening a
			// dev build) sends preflights; the single origin needs none itself.
			for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
			if (req.method === 'OPTIONS') {
				res.writeHead(204).end();
				return;
			}
		}
		if (url.pathname === '/config.json') {
			// Without a PUBLIC_URL, "/" tells the app to use the origin its page came
			// from (a TV may reach the box by any LAN name or address); the server
			// never echoes the Host header, which the client is free to forge.
			sendJson(res, 200, { supabaseUrl: options.publicUrl ?? '/', supabaseAnonKey: options.keys.anon_key });
			return;
		}
		if (api === 'auth') return auth(req, res, url);
		if (api === 'rest') return rest(req, res, url);
		if (api === 'realtime') {
			sendJson(res, 404, { message: 'Use a WebSocket at /realtime/v1/websocket' });
			return;
		}
		if (!serveStatic) {
			sendJson(res, 404, { message: 'Not found' });
			return;
		}
		if (!isRead) {
			sendJson(res, 405, { message: `Method ${req.method ?? ''} not allowed` });
			return;
		}
		await serveStatic(req, res, url.pathname);
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			options.log(`request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
			if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
			else res.destroy();
		});
	});
	server.on('upgrade', (req, socket, head) => {
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		if (pathname === '/realtime/v1/websocket') realtime.handleUpgrade(req, socket, head);
		else socket.destroy();
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	listening = listenUrl(options.host, port);

	let closing: Promise<void> | undefined;
	return {
		server,
		port,
		url: listening,
		publicUrl: ctx.publicUrl(),
		close() {
			closing ??= (async () => {
				await realtime.close();
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			})();
			return closing;
		}
	};
}
