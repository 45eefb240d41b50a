// Auth contract: the real supabase-js (auth-js 2.109.0) against /auth/v1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/raw-request.ts';
import { DEMO_PASSWORD, demoAgent, STAFF } from '../support/demo.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';

describe.each(ENGINES)('auth on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('signs in with the demo password and reads the user', async () => {
		const client = server.anon();
		const { data, error } = await client.auth.signInWithPassword({
			email: STAFF.display.email,
			password: DEMO_PASSWORD
		});
		expect(error).toBeNull();
		expect(data.user?.id).toBe(STAFF.display.userId);
		expect(data.session?.token_type).toBe('bearer');
		expect(data.session?.expires_in).toBe(3600);
		const { data: me, error: meError } = await client.auth.getUser();
		expect(meError).toBeNull();
		expect(me.user?.email).toBe(STAFF.display.email);
	});

	it('refuses a wrong password with GoTrue error fields', async () => {
		const client = server.anon();
		const { data, error } = await client.auth.signInWithPassword({
			email: demoAgent(1).email,
			password: 'wrong'
		});
		expect(data.session).toBeNull();
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('invalid_credentials');
		expect(error?.message).toBe('Invalid login credentials');
	});

	it('rotates the refresh token and signs out', async () => {
		const client = await server.signedIn(demoAgent(2).email);
		const first = (await client.auth.getSession()).data.session;
		const { data, error } = await client.auth.refreshSession();
		expect(error).toBeNull();
		expect(data.session?.refresh_token).not.toBe(first?.refresh_token);
		expect(data.session?.access_token).toBeTruthy();

		const refreshToken = data.session?.refresh_token ?? '';
		expect((await client.auth.signOut()).error).toBeNull();
		const again = await server.anon().auth.refreshSession({ refresh_token: refreshToken });
		expect(again.data.session).toBeNull();
		expect(again.error?.status).toBe(400);
	});

	it('creates users only with the service key', async () => {
		const admin = server.service();
		const created = await admin.auth.admin.createUser({
			email: `new-${engine}@demo.local`,
			password: 'a-long-password',
			email_confirm: true
		});
		expect(created.error).toBeNull();
		const login = await server
			.anon()
			.auth.signInWithPassword({ email: `new-${engine}@demo.local`, password: 'a-long-password' });
		expect(login.error).toBeNull();

		const notAdmin = await server.anon().auth.admin.createUser({ email: 'x@demo.local', password: 'xxxxxxxx' });
		expect(notAdmin.error?.status).toBe(403);
	});

	it('a lockout from one address does not stop the real owner signing in from another', async () => {
		// The colleague guesses from 127.0.0.2; the owner's browser is at 127.0.0.1.
		const guess = (password: string) =>
			rawRequest(`${server.url}/auth/v1/token?grant_type=password`, {
				method: 'POST',
				localAddress: '127.0.0.2',
				headers: {
					apikey: server.keys.anon_key,
					'content-type': 'application/json',
					'x-supabase-api-version': '2024-01-01'
				},
				body: JSON.stringify({ email: demoAgent(7).email, password })
			});
		for (let i = 0; i < 10; i++) expect((await guess(`wrong-${i}`)).status).toBe(400);
		const locked = await guess(DEMO_PASSWORD);
		expect(locked.status).toBe(429);
		expect(JSON.parse(locked.body)).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
		expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

		const owner = server.anon();
		const { data, error } = await owner.auth.signInWithPassword({ email: demoAgent(7).email, password: DEMO_PASSWORD });
		expect(error).toBeNull();
		expect(data.user?.id).toBe(demoAgent(7).userId);
	});
});
