// For this module's specs: the auth handler alone on a node:http server over
// an in-memory, migrated and seeded PGlite (or, with AUTH_SPEC_ENGINE=postgres,
// a throwaway PostgreSQL 15 through postgres.js), and real supabase-js clients.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import type { Db } from '../db/types.ts';
import { makeKeys, type ApiKeys } from '../keys.ts';
import { startPostgres15 } from '../../tests/support/postgres15.ts';
import { createAuthApi, type AuthApiOptions } from './api.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DEMO_PASSWORD = 'callboard';
export const USER = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface AuthTestServer {
	db: Db;
	keys: ApiKeys;
	url: string;
	/** supabase-js with the anon key, as the app before sign-in. */
	anon(): SupabaseClient;
	/** supabase-js with the service-role key. */
	service(): SupabaseClient;
	/** Plain fetch under /auth/v1 with the anon key and auth-js's API version header, for what supabase-js cannot send. */
	raw(pathAndQuery: string, init?: RequestInit): Promise<Response>;
	close(): Promise<void>;
}

async function openDatabase(): Promise<{ db: Db; stop: () => Promise<void> }> {
	if (process.env.AUTH_SPEC_ENGINE !== 'postgres') {
		const db = await openPglite();
		return { db, stop: () => db.close() };
	}
	const pg = await startPostgres15();
	const db = openPostgres(pg.url);
	return {
		db,
		async stop() {
			await db.close();
			await pg.stop();
		}
	};
}

export async function startAuthServer(options: AuthApiOptions = {}): Promise<AuthTestServer> {
	const { db, stop } = await openDatabase();
	await migrate(db, { root, seed: true });
	const keys = makeKeys();
	const logged: string[] = [];
	const api = createAuthApi({ db, keys, log: (line) => logged.push(line) }, options);
	const server = createServer((req, res) => {
		void api(req, res, new URL(req.url ?? '/', 'http://localhost'));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const client = (key: string) =>
		createClient(url, key, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			// Node 20 has no WebSocket; realtime is never connected here, but the client wants a transport.
			realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
		});
	return {
		db,
		keys,
		url,
		anon: () => client(keys.anon_key),
		service: () => client(keys.service_role_key),
		raw: (pathAndQuery, init = {}) =>
			fetch(`${url}/auth/v1${pathAndQuery}`, {
				...init,
				headers: {
					apikey: keys.anon_key,
					'content-type': 'application/json',
					'x-supabase-api-version': '2024-01-01',
					...init.headers
				}
			}),
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await stop();
			// Unexpected failures are logged; a spec that leaves some behind has found a bug.
			if (logged.length > 0) throw new Error(`auth handler logged failures:\n${logged.join('\n')}`);
		}
	};
}
