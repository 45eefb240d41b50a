// Admin user management with the service key, through supabase-js's
// auth.admin API (and raw fetch for what it cannot send).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from './jwt.ts';
import { DEMO_PASSWORD, demoAgent, STAFF } from '../../tests/support/demo.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';

let server: TestApi;

beforeAll(async () => {
	server = await startTestApi({ modules: ['auth'] });
});
afterAll(async () => {
	await server?.close();
});

describe('creating users', () => {
	it('creates a confirmed user who can then sign in', async () => {
		const { data, error } = await server.service().auth.admin.createUser({
			email: 'New.Agent@Demo.local',
			password: 'a-long-password',
			email_confirm: true,
			user_metadata: { display_name: '新坐席' },
			app_metadata: { site: 'demo' }
		});
		expect(error).toBeNull();
		const user = data.user;
		if (!user) throw new Error('no user');
		expect(user).toMatchObject({
			aud: 'authenticated',
			role: 'authenticated',
			email: 'new.agent@demo.local',
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'], site: 'demo' },
			user_metadata: { display_name: '新坐席' },
			is_anonymous: false
		});
		expect(user.email_confirmed_at).toEqual(expect.any(String));
		expect(user.last_sign_in_at).toBeUndefined();
		expect(user.identities).toEqual([
			expect.objectContaining({
				id: user.id,
				user_id: user.id,
				provider: 'email',
				identity_data: { sub: user.id, email: 'new.agent@demo.local', email_verified: true, phone_verified: false }
			})
		]);
		expect(JSON.stringify(user)).not.toMatch(/\$2[aby]\$|encrypted_password/);
		const { rows } = await server.db.query<{ encrypted_password: string }>(
			'select encrypted_password from auth.users where id = $1',
			[user.id]
		);
		expect(rows[0]?.encrypted_password).toMatch(/^\$2a\$10\$/);
		// pgcrypto agrees with the hash: users can move to a real Supabase project.
		const check = await server.db.query<{ ok: boolean }>(
			`select extensions.crypt('a-long-password', encrypted_password) = encrypted_password as ok from auth.users where id = $1`,
			[user.id]
		);
		expect(check.rows[0]?.ok).toBe(true);

		const login = await server
			.anon()
			.auth.signInWithPassword({ email: 'new.agent@demo.local', password: 'a-long-password' });
		expect(login.error).toBeNull();
		expect(login.data.user?.id).toBe(user.id);
	});

	it('keeps an unconfirmed user out until confirmed', async () => {
		const { error } = await server
			.service()
			.auth.admin.createUser({ email: 'pending@demo.local', password: 'pw-123456' });
		expect(error).toBeNull();
		const login = await server.anon().auth.signInWithPassword({ email: 'pending@demo.local', password: 'pw-123456' });
		expect(login.error?.code).toBe('email_not_confirmed');
	});

	it('refuses a taken email with 422 email_exists, whatever its case', async () => {
		const { data, error } = await server.service().auth.admin.createUser({
			email: 'AGENT01@demo.local',
			password: 'whatever-1'
		});
		expect(data.user).toBeNull();
		expect([error?.status, error?.code, error?.message]).toEqual([
			422,
			'email_exists',
			'A user with this email address has already been registered'
		]);
	});

	it('validates the request as GoTrue does', async () => {
		const admin = server.service().auth.admin;
		const cases = [
			[{ password: 'x' }, 'validation_failed', 'Cannot create a user without either an email or phone'],
			[{ email: 'not-an-email' }, 'validation_failed', 'Unable to validate email address: invalid format'],
			[
				{ email: 'long@demo.local', password: 'p'.repeat(73) },
				'validation_failed',
				'bcrypt: password length exceeds 72 bytes'
			],
			[{ email: 'id@demo.local', id: 'nope' }, 'validation_failed', 'ID must conform to the uuid v4 format'],
			[
				{ email: 'ban@demo.local', ban_duration: 'forever' },
				'validation_failed',
				expect.stringMatching(/^invalid format for ban duration/)
			]
		] as const;
		for (const [attributes, code, message] of cases) {
			const { error } = await admin.createUser(attributes);
			expect([error?.status, error?.code, error?.message]).toEqual([400, code, message]);
		}
		const mistyped = await server.authFetch('/admin/users', {
			method: 'POST',
			headers: { authorization: `Bearer ${server.keys.service_role_key}` },
			body: JSON.stringify({ email: 5 })
		});
		expect(await mistyped.json()).toMatchObject({ code: 'bad_json' });
	});

	it('creates banned users and users with a given id and password hash', async () => {
		const id = 'b0000000-0000-4000-8000-000000000001';
		const hashed = await server.db.query<{ hash: string }>(
			`select extensions.crypt('from-elsewhere', extensions.gen_salt('bf', 10)) as hash`
		);
		const created = await server.service().auth.admin.createUser({
			id,
			email: 'moved@demo.local',
			password_hash: hashed.rows[0]?.hash,
			email_confirm: true
		});
		expect(created.data.user?.id).toBe(id);
		expect(
			(await server.anon().auth.signInWithPassword({ email: 'moved@demo.local', password: 'from-elsewhere' })).error
		).toBeNull();

		const banned = await server.service().auth.admin.createUser({
			email: 'banned@demo.local',
			password: 'pw-123456',
			email_confirm: true,
			ban_duration: '1h30m'
		});
		const until = new Date(banned.data.user?.banned_until ?? 0).getTime();
		expect(until).toBeGreaterThan(Date.now() + 89 * 60_000);
		expect(until).toBeLessThan(Date.now() + 91 * 60_000);
		const login = await server.anon().auth.signInWithPassword({ email: 'banned@demo.local', password: 'pw-123456' });
		expect(login.error?.code).toBe('user_banned');
	});
});

describe('admin credentials', () => {
	it('refuses the anon key and user tokens with 403 not_admin', async () => {
		const anon = await server.anon().auth.admin.createUser({ email: 'x@demo.local', password: 'xxxxxxxx' });
		expect([anon.error?.status, anon.error?.code, anon.error?.message]).toEqual([403, 'not_admin', 'User not allowed']);
		const list = await server.anon().auth.admin.listUsers();
		expect(list.error?.status).toBe(403);

		const { data } = await server.anon().auth.signInWithPassword({ email: STAFF.admin.email, password: DEMO_PASSWORD });
		const asUser = await server.authFetch('/admin/users', {
			headers: { authorization: `Bearer ${data.session?.access_token ?? ''}` }
		});
		expect(asUser.status).toBe(403);
		expect(await asUser.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });

		const forged = signJwt({ role: 'service_role' }, 'some-other-projects-secret-0123456789');
		const withForged = await server.authFetch('/admin/users', { headers: { authorization: `Bearer ${forged}` } });
		expect(withForged.status).toBe(403);
		expect(await withForged.json()).toMatchObject({ code: 'bad_jwt' });
		const without = await server.authFetch('/admin/users');
		expect(without.status).toBe(401);
		expect(await without.json()).toMatchObject({ code: 'no_authorization' });
	});
});

describe('listing, reading and deleting users', () => {
	it('pages users with the total and links auth-js reads', async () => {
		const { rows } = await server.db.query<{ n: string }>(
			`select count(*)::text as n from auth.users where aud = 'authenticated'`
		);
		const total = Number(rows[0]?.n);
		const { data, error } = await server.service().auth.admin.listUsers({ page: 2, perPage: 5 });
		expect(error).toBeNull();
		expect(data.users).toHaveLength(5);
		expect(data).toMatchObject({ aud: 'authenticated', total, nextPage: 3 });
		const second = await server.authFetch('/admin/users?page=2&per_page=5', {
			headers: { authorization: `Bearer ${server.keys.service_role_key}` }
		});
		expect(second.headers.get('link')).toBe(
			`</admin/users?page=3&per_page=5>; rel="next", </admin/users?page=${Math.ceil(total / 5)}&per_page=5>; rel="last"`
		);

		const raw = await server.authFetch('/admin/users?page=1&per_page=500', {
			headers: { authorization: `Bearer ${server.keys.service_role_key}` }
		});
		expect(raw.headers.get('x-total-count')).toBe(String(total));
		expect(raw.headers.get('link')).toBe('</admin/users?page=1&per_page=500>; rel="last"');
		const all = (await raw.json()) as { users: { created_at: string }[] };
		expect(all.users).toHaveLength(total);
		const times = all.users.map((u) => u.created_at);
		expect(times).toEqual([...times].sort().reverse());

		const bad = await server.authFetch('/admin/users?page=x', {
			headers: { authorization: `Bearer ${server.keys.service_role_key}` }
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ code: 'validation_failed' });
	});

	it('reads one user and answers 404 for unknown ones', async () => {
		const admin = server.service().auth.admin;
		const { data } = await admin.getUserById(STAFF.admin.userId);
		expect(data.user).toMatchObject({ id: STAFF.admin.userId, email: STAFF.admin.email });
		const missing = await admin.getUserById('c0000000-0000-4000-8000-000000000000');
		expect([missing.error?.status, missing.error?.code, missing.error?.message]).toEqual([
			404,
			'user_not_found',
			'User not found'
		]);
		const notUuid = await server.authFetch('/admin/users/42', {
			headers: { authorization: `Bearer ${server.keys.service_role_key}` }
		});
		expect(notUuid.status).toBe(404);
		expect(await notUuid.json()).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
	});

	it('deletes a user with its sessions and identities', async () => {
		const admin = server.service().auth.admin;
		const { data } = await server
			.anon()
			.auth.signInWithPassword({ email: demoAgent(30).email, password: DEMO_PASSWORD });
		const { error } = await admin.deleteUser(demoAgent(30).userId);
		expect(error).toBeNull();
		expect((await admin.getUserById(demoAgent(30).userId)).error?.code).toBe('user_not_found');
		const left = await server.db.query(
			`select 1 from auth.sessions where user_id = $1 union all select 1 from auth.identities where user_id = $1`,
			[demoAgent(30).userId]
		);
		expect(left.rows).toHaveLength(0);
		const refresh = await server.anon().auth.refreshSession({ refresh_token: data.session?.refresh_token ?? '' });
		expect(refresh.error?.code).toBe('refresh_token_not_found');
	});

	it('soft-deletes: the row stays, the person and the sign-in go', async () => {
		const admin = server.service().auth.admin;
		const { error } = await admin.deleteUser(demoAgent(29).userId, true);
		expect(error).toBeNull();
		const { data } = await admin.getUserById(demoAgent(29).userId);
		expect(data.user).toMatchObject({ id: demoAgent(29).userId, email: '' });
		expect(data.user?.deleted_at).toEqual(expect.any(String));
		const login = await server.anon().auth.signInWithPassword({ email: demoAgent(29).email, password: DEMO_PASSWORD });
		expect(login.error?.code).toBe('invalid_credentials');
	});
});
