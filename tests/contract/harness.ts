// Starts the real single-box server in-process for contract tests: a fresh
// database (in-memory PGlite or a throwaway PostgreSQL 15) with the shim,
// migrations and demo seed, new API keys, and the HTTP/WebSocket app on a
// free port. `restart()` stops the app and starts it again on the same port
// over the same data, as a real restart would.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	createClient,
	REALTIME_SUBSCRIBE_STATES,
	type RealtimeChannel,
	type SupabaseClient
} from '@supabase/supabase-js';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../server/app.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { makeKeys, type ApiKeys } from '../../server/keys.ts';
import type { Database } from '../../src/lib/database.types.ts';
import { startPostgres15 } from '../support/postgres15.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
	const client = createClient<Database>(url, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket, heartbeatIntervalMs: 5_000 }
	});
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

async function openDatabase(engine: Engine): Promise<{ db: Db; stop: () => Promise<void> }> {
	if (engine === 'pglite') {
		const db = await openPglite();
		return { db, stop: () => db.close() };
	}
	const pg = await startPostgres15();
	const db = openPostgres(pg.url);
	return {
		db,
		stop: async () => {
			await db.close();
			await pg.stop();
		}
	};
}

export async function startTestServer(engine: Engine): Promise<TestServer> {
	const { db, stop: stopDb } = await openDatabase(engine);
	await migrate(db, { root, seed: true });
	const keys = makeKeys();
	// Quiet, except for requests that crashed: those are bugs to see in the test output.
	const log = (line: string) => {
		if (line.startsWith('request failed')) console.error(`[server] ${line}`);
	};
	let app: RunningApp = await startApp({ db, keys, log, port: 0, host: '127.0.0.1' });
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
			app = await startApp({ db, keys, log, port, host: '127.0.0.1' });
		},
		async stop() {
			await closeClients();
			await app.close();
			await stopDb();
		}
	};
	return server;
}

/** Resolves when pred() holds, polling every 20 ms; rejects after timeoutMs. */
export async function waitFor(pred: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pred()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Subscribes and resolves with the first settled status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT). */
export function subscribe(channel: RealtimeChannel): Promise<{ status: string; error?: Error }> {
	return new Promise((resolve) => {
		channel.subscribe((status, error) => {
			if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED || error) resolve({ status, error });
		});
	});
}
