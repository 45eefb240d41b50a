// Starts the real single-box server in-process for contract tests: a fresh
// database (in-memory PGlite or a throwaway PostgreSQL 15) with the shim,
// migrations and demo seed, new API keys, and the HTTP/WebSocket app on a
// free port. `restart()` stops the app and starts it again on the same port
// over the same data, as a real restart would.
import type { SupabaseClient } from '@supabase/supabase-js';
import { startApp, type AppOptions, type RunningApp } from '../../server/app.ts';
import type { ApiLimits } from '../../server/context.ts';
import type { Db } from '../../server/db/types.ts';
import { makeKeys, type ApiKeys } from '../../server/keys.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { nodeClient } from '../support/node-client.ts';
import { openTestDatabase, type Engine, type TestDatabaseOptions } from '../support/test-database.ts';

export { ENGINES, type Engine } from '../support/test-database.ts';
export { subscribe } from '../support/subscribe.ts';
export { waitFor } from '../support/wait-for.ts';

export const DEMO_SITE = '5a000000-0000-4000-8000-000000000001';
export const DEMO_PASSWORD = 'callboard';
export const QUEUE = (n: number) => `9e000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const USER = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const AGENT = (n: number) => `ac000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface TestServer {
	engine: Engine;
	db: Db;
	keys: ApiKeys;
	url: string;
	/** A client with the anon key, as the app has before sign-in. */
	anonClient(): Client;
	/** A client with the service-role key, as feeders and admins use. */
	serviceClient(): Client;
	/** A client signed in with the demo password. */
	signedIn(email: string): Promise<Client>;
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export type Client = SupabaseClient<Database>;

const clients: Client[] = [];

export function makeClient(url: string, key: string): Client {
	const client = nodeClient(url, key, { realtime: { heartbeatIntervalMs: 5_000 } });
	clients.push(client);
	return client;
}

/** Closes every realtime connection the clients of this file opened. */
export async function closeClients(): Promise<void> {
	for (const client of clients.splice(0)) {
		await client.removeAllChannels();
		await client.realtime.disconnect();
	}
}

/** What a suite may set on the app it starts (the settings main.ts reads from the environment). */
export interface TestServerOptions extends Pick<AppOptions, 'publicUrl' | 'trustedProxies'> {
	/** The database: PGlite on disk, the Db's default deadline. */
	database?: TestDatabaseOptions;
	/** API limits (max rows, a deadline for every request); Supabase's defaults otherwise. */
	limits?: Partial<ApiLimits>;
}

export async function startTestServer(engine: Engine, options: TestServerOptions = {}): Promise<TestServer> {
	const { db, stop: stopDb } = await openTestDatabase(engine, options.database);
	const keys = makeKeys();
	const { limits, publicUrl, trustedProxies } = options;
	const appOptions = { publicUrl, trustedProxies };
	// Quiet, except for requests that crashed: those are bugs to see in the test output.
	const log = (line: string) => {
		if (line.startsWith('request failed')) console.error(`[server] ${line}`);
	};
	let app: RunningApp = await startApp({ ...appOptions, db, keys, log, port: 0, host: '127.0.0.1', limits });
	const port = app.port;
	const url = app.url;

	const server: TestServer = {
		engine,
		db,
		keys,
		url,
		anonClient: () => makeClient(url, keys.anon_key),
		serviceClient: () => makeClient(url, keys.service_role_key),
		async signedIn(email) {
			const client = makeClient(url, keys.anon_key);
			const { error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
			if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`);
			return client;
		},
		async restart() {
			await app.close();
			app = await startApp({ ...appOptions, db, keys, log, port, host: '127.0.0.1', limits });
		},
		async stop() {
			await closeClients();
			await app.close();
			await stopDb();
		}
	};
	return server;
}
