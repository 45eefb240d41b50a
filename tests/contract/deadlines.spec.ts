// Deadlines the Supabase way, and clean answers when the database cannot
// take a request:
//   - with no CALLBOARD_STATEMENT_TIMEOUT, each REST request gets the
//     statement_timeout of the role it runs as (PostgREST's impersonated-role
//     settings), on both engines;
//   - PGlite is one connection: a request that waits past the wait limit for
//     it is answered at once and retryably — REST 504 PGRST003, auth 504
//     request_timeout, both with Retry-After; a private join is refused as
//     Realtime refuses one when it cannot reach the database — and all of it
//     works again once the connection is free.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../support/node-client.ts';
import { DEMO_PASSWORD, DEMO_SITE, demoAgent, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';

interface SlowDatabase {
	public: {
		Tables: Record<string, never>;
		Views: Record<string, never>;
		Functions: { slow_probe: { Args: { seconds: number }; Returns: undefined } };
		Enums: Record<string, never>;
		CompositeTypes: Record<string, never>;
	};
}

const SLOW_SQL = `
	create function public.slow_probe(seconds double precision) returns void language sql
		as $$ select pg_sleep(seconds) $$;
	grant execute on function public.slow_probe(double precision) to anon, authenticated, service_role;`;

/** supabase-js with the anon key, acting as the user of `token` when one is given. */
function slowClient(server: TestApi, token?: string): SupabaseClient<SlowDatabase> {
	const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
	return nodeClient<SlowDatabase>(server.url, server.keys.anon_key, { headers });
}

describe.each(ENGINES)('role deadlines on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
		// Before the first request: the API reads role settings once, as PostgREST does.
		await server.db.exec(`${SLOW_SQL} alter role anon set statement_timeout = '400ms';`);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('cuts an anon request at the anon role deadline and lets a signed-in one run past it', async () => {
		const started = performance.now();
		const anon = await slowClient(server).rpc('slow_probe', { seconds: 3 });
		expect(anon.status).toBe(500);
		expect(anon.error?.code).toBe('57014');
		expect(performance.now() - started).toBeLessThan(2_000);

		const signedIn = await slowClient(server, server.token(demoAgent(1).userId)).rpc('slow_probe', {
			seconds: 0.8
		});
		expect(signedIn.error).toBeNull();
		expect(signedIn.status).toBe(204);
	});
});

describe('a busy embedded database', () => {
	let server: TestApi;
	beforeAll(async () => {
		// The refused private join is logged, as a database the API cannot reach should be.
		server = await startTestApi({
			modules: 'app',
			engine: 'pglite',
			database: { waitLimitMs: 300 },
			expectLogs: true
		});
		await server.db.exec(SLOW_SQL);
	});
	afterAll(async () => {
		await server?.close();
	});

	it('answers what cannot get a turn at once and retryably, and serves it again when free', async () => {
		// postgrest-js sends on then(), so start it now.
		const holding = slowClient(server, server.token(STAFF.supervisor.userId))
			.rpc('slow_probe', { seconds: 3 })
			.then((answer) => answer);
		await new Promise((resolve) => setTimeout(resolve, 200));

		const display = server.token(STAFF.display.userId);
		const rest = await fetch(`${server.url}/rest/v1/queues?select=id`, {
			headers: { apikey: server.keys.anon_key, authorization: `Bearer ${display}` }
		});
		expect(rest.status).toBe(504);
		expect(rest.headers.get('retry-after')).toBe('1');
		expect(await rest.json()).toEqual({
			code: 'PGRST003',
			message: 'Timed out acquiring connection from connection pool.',
			details: null,
			hint: null
		});

		// auth-js surfaces a 504 as a retryable error; the body is GoTrue's.
		const signIn = await server.anon().auth.signInWithPassword({ email: STAFF.display.email, password: DEMO_PASSWORD });
		expect(signIn.error?.status).toBe(504);
		expect(signIn.error?.name).toBe('AuthRetryableFetchError');
		const token = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: {
				apikey: server.keys.anon_key,
				'content-type': 'application/json',
				'x-supabase-api-version': '2024-01-01'
			},
			body: JSON.stringify({ email: STAFF.display.email, password: DEMO_PASSWORD })
		});
		expect(token.status).toBe(504);
		expect(token.headers.get('retry-after')).toBe('1');
		expect(await token.json()).toEqual({
			code: 'request_timeout',
			message: 'Processing this request timed out, please retry after a moment.'
		});

		const wall = server.anon();
		await wall.realtime.setAuth(display);
		const joined = await subscribe(wall.channel(`wall:${DEMO_SITE}`, { config: { private: true } }));
		expect(joined.status).toBe('CHANNEL_ERROR');
		expect(joined.error?.message).toMatch(/UnableToConnectToProject/);
		await wall.removeAllChannels();
		await wall.realtime.disconnect();

		expect((await holding).error).toBeNull();
		const again = await (await server.signedIn(STAFF.display.email)).from('queues').select('id');
		expect(again.error).toBeNull();
		expect(again.data).toHaveLength(4);
	});
});
