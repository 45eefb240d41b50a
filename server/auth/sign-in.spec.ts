// Password sign-in, GET /user, token checks and the gateway, driven by the
// real supabase-js (auth-js 2.109.0) against the auth handler on a seeded database.
import { AuthApiError, isAuthSessionMissingError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from './jwt.ts';
import { DEMO_PASSWORD, demoAgent, demoLead, STAFF } from '../../tests/support/demo.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';

let server: TestApi;

beforeAll(async () => {
	server = await startTestApi({ modules: ['auth'] });
});
afterAll(async () => {
	await server?.close();
});

function claimsOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function signIn(email: string, password = DEMO_PASSWORD) {
	return server.anon().auth.signInWithPassword({ email, password });
}

describe('password grant', () => {
	it('signs the display in with a GoTrue session and records the session', async () => {
		const before = new Date();
		const { data, error } = await signIn(STAFF.display.email);
		expect(error).toBeNull();
		const session = data.session;
		if (!session) throw new Error('no session');
		expect(session.token_type).toBe('bearer');
		expect(session.expires_in).toBe(3600);
		expect(session.expires_at).toBe(Math.floor(Date.now() / 1000) + 3600);
		expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(data.user).toMatchObject({
			id: STAFF.display.userId,
			aud: 'authenticated',
			role: 'authenticated',
			email: STAFF.display.email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { display_name: '大屏 Wall display' },
			is_anonymous: false
		});
		expect(data.user?.identities).toEqual([
			expect.objectContaining({ provider: 'email', id: STAFF.display.userId, user_id: STAFF.display.userId })
		]);
		expect(new Date(data.user?.last_sign_in_at ?? 0).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
		expect(JSON.stringify(data)).not.toMatch(/\$2[aby]\$|encrypted_password/);

		const claims = claimsOf(session.access_token);
		expect(claims).toMatchObject({
			iss: `${server.url}/auth/v1`,
			sub: STAFF.display.userId,
			aud: 'authenticated',
			role: 'authenticated',
			email: STAFF.display.email,
			phone: '',
			aal: 'aal1',
			is_anonymous: false,
			app_metadata: { provider: 'email', providers: ['email'] }
		});
		expect(claims.exp).toBe((claims.iat as number) + 3600);
		expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) as number }]);

		const sessions = await server.db.query<{ user_id: string; ip: string }>(
			'select user_id, host(ip) as ip from auth.sessions where id = $1',
			[claims.session_id]
		);
		expect(sessions.rows).toEqual([
			{ user_id: STAFF.display.userId, ip: expect.stringMatching(/127\.0\.0\.1$/) as string }
		]);
		const tokens = await server.db.query('select revoked, parent from auth.refresh_tokens where token = $1', [
			session.refresh_token
		]);
		expect(tokens.rows).toEqual([{ revoked: false, parent: null }]);
	});

	it('matches the email case-insensitively', async () => {
		const { data, error } = await signIn('Supervisor@Demo.LOCAL');
		expect(error).toBeNull();
		expect(data.user?.id).toBe(STAFF.supervisor.userId);
	});

	it('refuses a wrong password and an unknown email alike, as auth-js surfaces GoTrue errors', async () => {
		for (const [email, password] of [
			[demoAgent(1).email, 'wrong'],
			['nobody@demo.local', DEMO_PASSWORD]
		] as const) {
			const { data, error } = await signIn(email, password);
			expect(data.session).toBeNull();
			expect(error).toBeInstanceOf(AuthApiError);
			expect(error?.status).toBe(400);
			expect(error?.code).toBe('invalid_credentials');
			expect(error?.message).toBe('Invalid login credentials');
		}
	});

	it('answers in the shape the API version header asks for', async () => {
		const body = JSON.stringify({ email: demoAgent(1).email, password: 'wrong' });
		const current = await server.authFetch('/token?grant_type=password', { method: 'POST', body });
		expect(current.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(await current.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });

		const legacy = await server.authFetch('/token?grant_type=password', {
			method: 'POST',
			body,
			headers: { 'x-supabase-api-version': '' }
		});
		expect(legacy.headers.get('x-supabase-api-version')).toBeNull();
		expect(await legacy.json()).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
	});

	it('refuses banned and unconfirmed users only once the password is right', async () => {
		await server.db.query(`update auth.users set banned_until = now() + interval '1 hour' where email = $1`, [
			demoAgent(2).email
		]);
		await server.db.query(`update auth.users set email_confirmed_at = null where email = $1`, [demoAgent(3).email]);
		expect((await signIn(demoAgent(2).email, 'wrong')).error?.code).toBe('invalid_credentials');
		const banned = await signIn(demoAgent(2).email);
		expect([banned.error?.status, banned.error?.code, banned.error?.message]).toEqual([
			400,
			'user_banned',
			'User is banned'
		]);
		const unconfirmed = await signIn(demoAgent(3).email);
		expect([unconfirmed.error?.code, unconfirmed.error?.message]).toEqual([
			'email_not_confirmed',
			'Email not confirmed'
		]);
	});

	it('rejects malformed, mistyped and oversized bodies with GoTrue codes', async () => {
		const post = (body: string) => server.authFetch('/token?grant_type=password', { method: 'POST', body });
		const broken = await post('{"email":');
		expect(broken.status).toBe(400);
		expect(await broken.json()).toMatchObject({ code: 'bad_json' });
		const mistyped = await post(JSON.stringify({ email: 42, password: 'x' }));
		expect(await mistyped.json()).toMatchObject({ code: 'bad_json' });
		const empty = await post('{}');
		expect(await empty.json()).toEqual({ code: 'validation_failed', message: 'missing email or phone' });
		const huge = await post(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1_100_000) }));
		expect(huge.status).toBe(413);
		expect(await huge.json()).toMatchObject({ code: 'request_entity_too_large' });
		const grant = await server.authFetch('/token?grant_type=magic', { method: 'POST', body: '{}' });
		expect(await grant.json()).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
	});
});

describe('failed sign-in limit', () => {
	it('answers 429 after 10 failures for an email, while other emails still sign in', async () => {
		for (let i = 0; i < 10; i++) {
			expect((await signIn(demoAgent(5).email, `wrong-${i}`)).error?.code).toBe('invalid_credentials');
		}
		const limited = await signIn(demoAgent(5).email, 'wrong-again');
		expect([limited.error?.status, limited.error?.code, limited.error?.message]).toEqual([
			429,
			'over_request_rate_limit',
			'Request rate limit reached'
		]);
		// The right password does not get around the limit either: that is what stops guessing.
		expect((await signIn(demoAgent(5).email)).error?.status).toBe(429);
		const other = await signIn(demoAgent(6).email);
		expect(other.error).toBeNull();
		expect(other.data.user?.id).toBe(demoAgent(6).userId);
	});
});

describe('failed sign-in limit behind a trusted reverse proxy', () => {
	it('counts the client the proxy names, so one client is locked out and the next is not', async () => {
		const proxied = await startTestApi({
			modules: ['auth'],
			trustedProxies: ['127.0.0.1'],
			auth: { loginLimits: { perEmailAndAddress: 3 } }
		});
		try {
			const attempt = (from: string, password: string) =>
				proxied.authFetch('/token?grant_type=password', {
					method: 'POST',
					headers: { 'x-forwarded-for': from },
					body: JSON.stringify({ email: demoAgent(8).email, password })
				});
			for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.66', `wrong-${i}`)).status).toBe(400);
			expect((await attempt('203.0.113.66', DEMO_PASSWORD)).status).toBe(429);
			expect((await attempt('203.0.113.10', DEMO_PASSWORD)).status).toBe(200);
			const { rows } = await proxied.db.query<{ ip: string | null }>(
				`select host(ip) as ip from auth.sessions where user_id = $1`,
				[demoAgent(8).userId]
			);
			expect(rows.map((r) => r.ip)).toEqual(['203.0.113.10']);
		} finally {
			await proxied.close();
		}
	});
});

describe('GET /user and access tokens', () => {
	it('returns the signed-in user', async () => {
		const client = server.anon();
		await client.auth.signInWithPassword({ email: STAFF.manager.email, password: DEMO_PASSWORD });
		const { data, error } = await client.auth.getUser();
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ id: STAFF.manager.userId, email: STAFF.manager.email, aud: 'authenticated' });
	});

	it('refuses tokens that are expired, tampered, foreign or unsigned with 403 bad_jwt', async () => {
		const { data } = await signIn(demoLead(1).email);
		const good = data.session?.access_token ?? '';
		const claims = claimsOf(good);
		const [header, , signature] = good.split('.');
		const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const expired = signJwt({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, server.keys.jwt_secret);
		const tampered = `${header}.${b64({ ...claims, sub: STAFF.admin.userId })}.${signature}`;
		const foreign = signJwt(claims, 'another-secret-of-the-same-kind-0123456789');
		const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;

		const cases = [
			[expired, 'token has invalid claims: token is expired'],
			[tampered, 'token signature is invalid: signature is invalid'],
			[foreign, 'token signature is invalid: signature is invalid'],
			[unsigned, 'token signature is invalid: signing method none is invalid'],
			['not-a-jwt', 'token is malformed: token contains an invalid number of segments']
		] as const;
		for (const [token, problem] of cases) {
			const { data: user, error } = await server.anon().auth.getUser(token);
			expect(user.user).toBeNull();
			expect(error).toBeInstanceOf(AuthApiError);
			expect([error?.status, error?.code]).toEqual([403, 'bad_jwt']);
			expect(error?.message).toBe(`invalid JWT: unable to parse or verify signature, ${problem}`);
		}
		expect((await server.anon().auth.getUser(good)).data.user?.id).toBe(demoLead(1).userId);
	});

	it('says session_not_found once the session is gone, which auth-js reads as a missing session', async () => {
		const { data } = await signIn(demoLead(2).email);
		const token = data.session?.access_token ?? '';
		await server.db.query('delete from auth.sessions where id = $1', [claimsOf(token).session_id]);
		const { error } = await server.anon().auth.getUser(token);
		expect(isAuthSessionMissingError(error)).toBe(true);
		const raw = await server.authFetch('/user', { headers: { authorization: `Bearer ${token}` } });
		expect(raw.status).toBe(403);
		expect(await raw.json()).toEqual({
			code: 'session_not_found',
			message: 'Session from session_id claim in JWT does not exist'
		});
	});

	it('needs a bearer token and a user in it', async () => {
		const none = await server.authFetch('/user');
		expect(none.status).toBe(401);
		expect(await none.json()).toMatchObject({ code: 'no_authorization' });
		const anonKey = await server.authFetch('/user', { headers: { authorization: `Bearer ${server.keys.anon_key}` } });
		expect(anonKey.status).toBe(403);
		expect(await anonKey.json()).toEqual({ code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
	});
});

describe('gateway and routing', () => {
	it('demands a valid API key before anything else', async () => {
		const missing = await fetch(`${server.url}/auth/v1/settings`);
		expect(missing.status).toBe(401);
		expect(await missing.json()).toMatchObject({ message: 'No API key found in request' });
		const { data } = await signIn(demoLead(3).email);
		for (const key of [
			signJwt({ role: 'anon' }, 'not-our-secret-not-our-secret-00'),
			data.session?.access_token ?? ''
		]) {
			const refused = await fetch(`${server.url}/auth/v1/settings`, { headers: { apikey: key } });
			expect(refused.status).toBe(401);
			expect(await refused.json()).toMatchObject({ message: 'Invalid API key' });
		}
	});

	it('answers settings and health, and 404/405 GoTrue-shaped for the rest', async () => {
		const settings = await server.authFetch('/settings');
		expect(await settings.json()).toMatchObject({ disable_signup: true, external: { email: true, phone: false } });
		expect(await (await server.authFetch('/health')).json()).toMatchObject({ name: 'GoTrue' });
		const signup = await server.authFetch('/signup', { method: 'POST', body: '{}' });
		expect(signup.status).toBe(404);
		expect(await signup.json()).toMatchObject({ code: 'unknown' });
		const wrongMethod = await server.authFetch('/user', { method: 'PUT', body: '{}' });
		expect(wrongMethod.status).toBe(405);
	});
});
