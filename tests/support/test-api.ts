// The API for a spec: chosen modules (auth, REST, realtime) mounted alone on a
// bare node:http server, or the whole single-box app (server/app.ts, as main.ts
// runs it without the SPA), over a fresh migrated and seeded database of the
// spec engine (or one the spec shares between several APIs), with new keys,
// supabase-js clients and minted user tokens. The handlers log only what went
// wrong unexpectedly, so close() fails when they logged, unless the spec
// provokes such lines on purpose.
import { createServer } from 'node:http';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startApp } from '../../server/app.ts';
import { createAuthApi, type AuthApiOptions } from '../../server/auth/api.ts';
import type { ApiHandler, ApiLimits, RealtimeServer } from '../../server/context.ts';
import type { Db } from '../../server/db/types.ts';
import { makeKeys, type ApiKeys } from '../../server/keys.ts';
import type { RealtimeOptions } from '../../server/realtime/hub.ts';
import { createRealtimeServer } from '../../server/realtime/server.ts';
import { createRestApi } from '../../server/rest/api.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { listen, type Listening } from './listen.ts';
import { nodeClient, type NodeClientOptions } from './node-client.ts';
import { specContext } from './server-context.ts';
import { openTestDatabase, type Engine, type TestDatabase, type TestDatabaseOptions } from './test-database.ts';
import { userToken } from './user-token.ts';

export type ApiModule = 'auth' | 'rest' | 'realtime';
export type Client<D = Database> = SupabaseClient<D>;

/** What is mounted: modules alone (with their own options), or the whole app with its defaults. */
export type TestApiMount =
	{ modules: 'app' } | { modules: readonly ApiModule[]; auth?: AuthApiOptions; realtime?: Partial<RealtimeOptions> };

export type TestApiOptions = TestApiMount & {
	/** The engine of the database the API opens; SPEC_ENGINE's by default. */
	engine?: Engine;
	/** How the API opens its database (PGlite on disk, deadlines). */
	database?: TestDatabaseOptions;
	/** A database the spec opened, shared by several APIs; the spec closes it. */
	db?: Db;
	/** Keys shared with another API on the same database; new ones by default. */
	keys?: ApiKeys;
	/** API limits (max rows, one deadline for every request); Supabase's defaults otherwise. */
	limits?: Partial<ApiLimits>;
	/** Reverse proxies whose X-Forwarded-For names the client. */
	trustedProxies?: string[];
	/** The spec makes the handlers log on purpose (garbage frames): close() does not fail on it. */
	expectLogs?: boolean;
};

type FetchInit = Omit<RequestInit, 'headers'> & { headers?: Record<string, string> };

export interface TestApi<D = Database> {
	db: Db;
	keys: ApiKeys;
	/** http://127.0.0.1:port; the same after restart(). */
	url: string;
	/** The realtime server of a module mount with realtime (a spec may close it alone). */
	realtime: RealtimeServer | undefined;
	/** Every line the handlers logged so far. */
	logs: string[];
	/** The realtime WebSocket URL; the anon key and vsn 2.0.0 unless the query says otherwise. */
	wsUrl(query?: Record<string, string>): string;
	/** A user's access token as GoTrue would issue it (expired when expiresInS < 0). */
	token(userId: string, expiresInS?: number): string;
	/** supabase-js with the anon key, as the app before sign-in. */
	anon(options?: NodeClientOptions): Client<D>;
	/** supabase-js with the service-role key, as feeders and admin scripts. */
	service(options?: NodeClientOptions): Client<D>;
	/** supabase-js acting as a user through a minted token (no auth module needed). */
	as(userId: string): Client<D>;
	/** supabase-js signed in through /auth/v1 with a password (the demo one by default). */
	signedIn(email: string, password?: string): Promise<Client<D>>;
	/** Plain fetch under /rest/v1 with the anon key, for what supabase-js cannot send. */
	restFetch(pathAndQuery: string, init?: FetchInit): Promise<Response>;
	/** Plain fetch under /auth/v1 with the anon key and auth-js's API version header. */
	authFetch(pathAndQuery: string, init?: FetchInit): Promise<Response>;
	/** Leaves every channel and closes the realtime connection of every client made here. */
	closeClients(): Promise<void>;
	/** Stops serving and serves again on the same port over the same data, as a real restart would. */
	restart(): Promise<void>;
	/** Closes the clients, the server and the database the API opened; fails on unexpected log lines. */
	close(): Promise<void>;
}

interface Served {
	url: string;
	port: number;
	realtime?: RealtimeServer;
	close(): Promise<void>;
}

interface ServeBase {
	db: Db;
	keys: ApiKeys;
	log: (line: string) => void;
	limits?: Partial<ApiLimits>;
	trustedProxies?: string[];
}

const HOST = '127.0.0.1';
/**
 * Clients heartbeat every 5 s instead of realtime-js's 25 s, so one notices a
 * server that went away (a restart) within a test's time.
 */
const CLIENT_HEARTBEAT_MS = 5_000;

const errorText = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err));

async function serveModules(
	mount: Extract<TestApiMount, { modules: readonly ApiModule[] }>,
	base: ServeBase,
	port: number
): Promise<Served> {
	const { db, keys, log, limits, trustedProxies } = base;
	const { ctx, listeningAt } = specContext({ db, keys, log, limits }, { trustedProxies });
	const handlers: Partial<Record<string, ApiHandler>> = {
		auth: mount.modules.includes('auth') ? createAuthApi(ctx, mount.auth) : undefined,
		rest: mount.modules.includes('rest') ? createRestApi(ctx) : undefined
	};
	const realtime = mount.modules.includes('realtime') ? await createRealtimeServer(ctx, mount.realtime) : undefined;
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const handler = handlers[/^\/(auth|rest)\/v1(\/|$)/.exec(url.pathname)?.[1] ?? ''];
		if (!handler) {
			res.writeHead(404).end();
			return;
		}
		handler(req, res, url).catch((err: unknown) => {
			log(`request failed: ${errorText(err)}`);
			if (res.headersSent) res.destroy();
			else res.writeHead(500).end();
		});
	});
	server.on('upgrade', (req, socket, head) => {
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		if (realtime && pathname === '/realtime/v1/websocket') realtime.handleUpgrade(req, socket, head);
		else socket.destroy();
	});
	let listening: Listening;
	try {
		listening = await listen(server, port);
	} catch (err) {
		// The port was taken (a restart): the realtime server must not outlive the attempt.
		await realtime?.close();
		throw err;
	}
	listeningAt(listening.url);
	return {
		url: listening.url,
		port: listening.port,
		realtime,
		async close() {
			await realtime?.close();
			await listening.close();
		}
	};
}

async function serve(options: TestApiOptions, base: ServeBase, port: number): Promise<Served> {
	if (options.modules !== 'app') {
		if (options.modules.length === 0) throw new Error('startTestApi: name at least one module, or "app"');
		return serveModules(options, base, port);
	}
	const { db, keys, log, limits, trustedProxies } = base;
	const app = await startApp({ db, keys, log, limits, trustedProxies, port, host: HOST });
	return { url: app.url, port: app.port, close: () => app.close() };
}

export async function startTestApi<D = Database>(options: TestApiOptions): Promise<TestApi<D>> {
	// A shared database is the spec's to close.
	const { db, stop }: TestDatabase = options.db
		? { db: options.db, stop: () => Promise.resolve() }
		: await openTestDatabase(options.engine, options.database);
	const keys = options.keys ?? makeKeys();
	const logs: string[] = [];
	const base: ServeBase = {
		db,
		keys,
		log: (line) => logs.push(line),
		limits: options.limits,
		trustedProxies: options.trustedProxies
	};
	let served: Served;
	try {
		served = await serve(options, base, 0);
	} catch (err) {
		await stop();
		throw err;
	}
	const { url, port } = served;

	const clients: Client<D>[] = [];
	const client = (key: string, extra: NodeClientOptions = {}) => {
		const made = nodeClient<D>(url, key, {
			...extra,
			realtime: { heartbeatIntervalMs: CLIENT_HEARTBEAT_MS, ...extra.realtime }
		});
		clients.push(made);
		return made;
	};
	const token = (userId: string, expiresInS?: number) => userToken(keys, userId, expiresInS);
	const closeClients = async () => {
		for (const made of clients.splice(0)) {
			await made.removeAllChannels();
			await made.realtime.disconnect();
		}
	};

	return {
		db,
		keys,
		url,
		get realtime() {
			return served.realtime;
		},
		logs,
		wsUrl: (query = { apikey: keys.anon_key, vsn: '2.0.0' }) =>
			`ws://${HOST}:${port}/realtime/v1/websocket?${new URLSearchParams(query).toString()}`,
		token,
		anon: (extra) => client(keys.anon_key, extra),
		service: (extra) => client(keys.service_role_key, extra),
		as: (userId) => client(keys.anon_key, { headers: { Authorization: `Bearer ${token(userId)}` } }),
		async signedIn(email, password = DEMO_PASSWORD) {
			const signedIn = client(keys.anon_key);
			const { error } = await signedIn.auth.signInWithPassword({ email, password });
			if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
			return signedIn;
		},
		restFetch: (pathAndQuery, init = {}) =>
			fetch(`${url}/rest/v1${pathAndQuery}`, {
				...init,
				headers: { apikey: keys.anon_key, authorization: `Bearer ${keys.anon_key}`, ...init.headers }
			}),
		authFetch: (pathAndQuery, init = {}) =>
			fetch(`${url}/auth/v1${pathAndQuery}`, {
				...init,
				headers: {
					apikey: keys.anon_key,
					'content-type': 'application/json',
					'x-supabase-api-version': '2024-01-01',
					...init.headers
				}
			}),
		closeClients,
		async restart() {
			await served.close();
			served = await serve(options, base, port);
		},
		async close() {
			await closeClients();
			await served.close();
			await stop();
			if (logs.length > 0 && !options.expectLogs) throw new Error(`the API logged failures:\n${logs.join('\n')}`);
		}
	};
}
