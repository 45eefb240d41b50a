// For this module's specs: the REST handler alone on a node:http server over
// an in-memory, migrated and seeded PGlite (or, with REST_SPEC_ENGINE=postgres,
// a throwaway PostgreSQL 15 through postgres.js), with supabase-js clients
// whose tokens are minted here (the auth module is not needed to test this one).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../src/lib/database.types.ts';
import type { Db } from '../db/types.ts';
import { makeKeys, type ApiKeys } from '../keys.ts';
import { serveApi } from '../../tests/support/listen.ts';
import { specContext } from '../../tests/support/server-context.ts';
import { nodeClient } from '../../tests/support/node-client.ts';
import { engineFromEnv, openTestDatabase } from '../../tests/support/test-database.ts';
import { userToken } from '../../tests/support/user-token.ts';
import { createRestApi } from './api.ts';

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

export async function startRestServer<D = Database>(): Promise<TestServer<D>> {
	const { db, stop } = await openTestDatabase(engineFromEnv('REST_SPEC_ENGINE'));
	const keys = makeKeys();
	const logged: string[] = [];
	const { ctx, listeningAt } = specContext({ db, keys, log: (line) => logged.push(line) });
	const server = await serveApi(createRestApi(ctx));
	const { url } = server;
	listeningAt(url);
	const client = (key: string, bearer?: string) =>
		nodeClient<D>(url, key, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
	const token = (user: number, expiresIn = 3600) => userToken(keys, USER(user), expiresIn);

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
			await server.close();
			await stop();
			// Unexpected failures are logged; a spec that leaves some behind has found a bug.
			if (logged.length > 0) throw new Error(`REST handler logged failures:\n${logged.join('\n')}`);
		}
	};
}
