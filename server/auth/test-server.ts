// For this module's specs: the auth handler alone on a node:http server over
// an in-memory, migrated and seeded PGlite (or, with AUTH_SPEC_ENGINE=postgres,
// a throwaway PostgreSQL 15 through postgres.js), and real supabase-js clients.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Db } from '../db/types.ts';
import { makeKeys, type ApiKeys } from '../keys.ts';
import { serveApi } from '../../tests/support/listen.ts';
import { specContext } from '../../tests/support/server-context.ts';
import { nodeClient } from '../../tests/support/node-client.ts';
import { engineFromEnv, openTestDatabase } from '../../tests/support/test-database.ts';
import { createAuthApi, type AuthApiOptions } from './api.ts';

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

export async function startAuthServer(
	options: AuthApiOptions & { trustedProxies?: string[] } = {}
): Promise<AuthTestServer> {
	const { db, stop } = await openTestDatabase(engineFromEnv('AUTH_SPEC_ENGINE'));
	const keys = makeKeys();
	const logged: string[] = [];
	const { ctx, listeningAt } = specContext(
		{ db, keys, log: (line) => logged.push(line) },
		{ trustedProxies: options.trustedProxies }
	);
	const server = await serveApi(createAuthApi(ctx, options));
	const { url } = server;
	listeningAt(url);
	return {
		db,
		keys,
		url,
		anon: () => nodeClient(url, keys.anon_key),
		service: () => nodeClient(url, keys.service_role_key),
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
			await server.close();
			await stop();
			// Unexpected failures are logged; a spec that leaves some behind has found a bug.
			if (logged.length > 0) throw new Error(`auth handler logged failures:\n${logged.join('\n')}`);
		}
	};
}
