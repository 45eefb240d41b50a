// For this module's specs: the REST handler alone on a node:http server over
// an in-memory, migrated and seeded PGlite (or, with REST_SPEC_ENGINE=postgres,
// a throwaway PostgreSQL 15 through postgres.js), with supabase-js clients
// whose tokens are minted here (the auth module is not needed to test this one).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../../src/lib/database.types.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import type { Db } from '../db/types.ts';
import { makeKeys, signJwt, type ApiKeys } from '../keys.ts';
import { startPostgres15 } from '../../tests/support/postgres15.ts';
import { createRestApi } from './api.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SITE = '5a000000-0000-4000-8000-000000000001';
const id = (prefix: string) => (n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const USER = id('a0000000');
export const AGENT = id('ac000000');
export const QUEUE = id('9e000000');
export const TEAM = id('7e000000');

/** Demo users by seed number. */
export const MANAGER = 2;
export const SUPERVISOR = 3;
export const DISPLAY = 4;
export const AGENT01 = 101;
/** agent31, an outbound caller who owns three leads. */
export const CALLER = 131;

export interface TestServer<D> {
	db: Db;
	keys: ApiKeys;
	url: string;
	/** A user access token, as GoTrue would issue it (expired when expiresIn < 0). */
	token(user: number, expiresIn?: number): string;
	/** supabase-js signed in as a demo user. */
	as(user: number): SupabaseClient<D>;
	/** supabase-js with only the anon key, before sign-in. */
	anon(): SupabaseClient<D>;
	service(): SupabaseClient<D>;
	/** Plain fetch under /rest/v1 with the anon key, for what supabase-js cannot send. */
	raw(pathAndQuery: string, init?: RequestInit): Promise<Response>;
	close(): Promise<void>;
}

async function openDatabase(): Promise<{ db: Db; stop: () => Promise<void> }> {
	if (process.env.REST_SPEC_ENGINE !== 'postgres') {
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

export async function startRestServer<D = Database>(): Promise<TestServer<D>> {
	const { db, stop } = await openDatabase();
	await migrate(db, { root, seed: true });
	const keys = makeKeys();
	const logged: string[] = [];
	const api = createRestApi({ db, keys, log: (line) => logged.push(line) });
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		void api(req, res, url);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const client = (key: string, bearer?: string) =>
		createClient<D>(url, key, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
			global: { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} }
		});
	const token = (user: number, expiresIn = 3600) =>
		signJwt(
			{
				sub: USER(user),
				role: 'authenticated',
				aud: 'authenticated',
				exp: Math.floor(Date.now() / 1000) + expiresIn
			},
			keys.jwt_secret
		);

	return {
		db,
		keys,
		url,
		token,
		as: (user) => client(keys.anon_key, token(user)),
		anon: () => client(keys.anon_key),
		service: () => client(keys.service_role_key),
		raw: (pathAndQuery, init = {}) =>
			fetch(`${url}/rest/v1${pathAndQuery}`, {
				...init,
				headers: { apikey: keys.anon_key, authorization: `Bearer ${keys.anon_key}`, ...init.headers }
			}),
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await stop();
			// Unexpected failures are logged; a spec that leaves some behind has found a bug.
			if (logged.length > 0) throw new Error(`REST handler logged failures:\n${logged.join('\n')}`);
		}
	};
}
