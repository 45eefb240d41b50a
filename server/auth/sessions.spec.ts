// Refresh-token rotation, reuse detection and logout, through supabase-js
// (raw fetch where a client would never send what is tested).
import { isAuthSessionMissingError, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAgent } from '../../tests/support/demo.ts';
import { startTestApi, type TestApi } from '../../tests/support/test-api.ts';

let server: TestApi;

beforeAll(async () => {
	server = await startTestApi({ modules: ['auth'] });
});
afterAll(async () => {
	await server?.close();
});

async function signedIn(email: string): Promise<{ client: SupabaseClient; refreshToken: string; accessToken: string }> {
	const client = server.anon();
	const { data, error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
	if (error || !data.session) throw error ?? new Error('no session');
	return { client, refreshToken: data.session.refresh_token, accessToken: data.session.access_token };
}

function refreshRaw(refreshToken: string): Promise<Response> {
	return server.authFetch('/token?grant_type=refresh_token', {
		method: 'POST',
		body: JSON.stringify({ refresh_token: refreshToken })
	});
}

function sessionIdOf(accessToken: string): unknown {
	return (
		JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { session_id?: unknown }
	).session_id;
}

async function tokenRow(token: string) {
	const { rows } = await server.db.query<{ revoked: boolean; parent: string | null; session_id: string }>(
		'select revoked, parent, session_id from auth.refresh_tokens where token = $1',
		[token]
	);
	return rows[0];
}

describe('refresh-token grant', () => {
	it('rotates: the used token is revoked and its child carries on the session', async () => {
		const { client, refreshToken, accessToken } = await signedIn(demoAgent(10).email);
		const { data, error } = await client.auth.refreshSession();
		expect(error).toBeNull();
		const next = data.session;
		if (!next) throw new Error('no session');
		expect(next.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(next.refresh_token).not.toBe(refreshToken);
		expect(sessionIdOf(next.access_token)).toBe(sessionIdOf(accessToken));
		expect(next.user.id).toBe(demoAgent(10).userId);
		expect(await tokenRow(refreshToken)).toMatchObject({ revoked: true, parent: null });
		expect(await tokenRow(next.refresh_token)).toMatchObject({ revoked: false, parent: refreshToken });
		expect((await client.auth.getUser()).data.user?.id).toBe(demoAgent(10).userId);
	});

	it('gives the active child back for its revoked parent, then detects reuse of older tokens', async () => {
		const { client, refreshToken: first } = await signedIn(demoAgent(11).email);
		const second = (await client.auth.refreshSession()).data.session?.refresh_token ?? '';

		// The client lost the answer to its refresh and tries the parent again: same child, nothing new.
		const retried = await refreshRaw(first);
		expect(retried.status).toBe(200);
		expect(((await retried.json()) as { refresh_token: string }).refresh_token).toBe(second);

		const third = (await client.auth.refreshSession()).data.session?.refresh_token ?? '';
		expect(third).not.toBe(second);
		// `first` is now two generations back; pretend its revocation is older than the reuse interval.
		await server.db.query(`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [
			first
		]);
		const reused = await refreshRaw(first);
		expect(reused.status).toBe(400);
		expect(await reused.json()).toEqual({
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		// The whole session's tokens were revoked, the legitimate holder's too.
		expect(await tokenRow(third)).toMatchObject({ revoked: true });
		const { data, error } = await client.auth.refreshSession();
		expect(data.session).toBeNull();
		expect([error?.status, error?.code]).toEqual([400, 'refresh_token_already_used']);
	});

	it('lets a revoked token refresh again inside the reuse interval (concurrent tabs)', async () => {
		const { client, refreshToken: first } = await signedIn(demoAgent(12).email);
		await client.auth.refreshSession();
		await client.auth.refreshSession();
		const again = await refreshRaw(first);
		expect(again.status).toBe(200);
		const child = ((await again.json()) as { refresh_token: string }).refresh_token;
		expect(await tokenRow(child)).toMatchObject({ revoked: false, parent: first });
	});

	it('refuses unknown and malformed refresh tokens with GoTrue codes', async () => {
		const unknown = await server.anon().auth.refreshSession({ refresh_token: 'abcdefghijkl' });
		expect(unknown.data.session).toBeNull();
		expect([unknown.error?.status, unknown.error?.code, unknown.error?.message]).toEqual([
			400,
			'refresh_token_not_found',
			'Invalid Refresh Token: Refresh Token Not Found'
		]);
		for (const token of ['short', 'ABCDEFGHIJKL', "x' or '1'='1", '']) {
			const res = await refreshRaw(token);
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: 'validation_failed', message: 'Refresh token is not valid' });
		}
	});

	it('stops refreshing a banned user', async () => {
		const { refreshToken } = await signedIn(demoAgent(13).email);
		await server.db.query(`update auth.users set banned_until = now() + interval '1 day' where id = $1`, [
			demoAgent(13).userId
		]);
		const res = await refreshRaw(refreshToken);
		expect(await res.json()).toEqual({ code: 'user_banned', message: 'Invalid Refresh Token: User Banned' });
	});
});

describe('logout', () => {
	it('ends the session: its refresh token stops working and GET /user reports no session', async () => {
		const { client, refreshToken, accessToken } = await signedIn(demoAgent(20).email);
		expect((await client.auth.signOut()).error).toBeNull();
		const again = await server.anon().auth.refreshSession({ refresh_token: refreshToken });
		expect(again.data.session).toBeNull();
		expect([again.error?.status, again.error?.code]).toEqual([400, 'refresh_token_not_found']);
		const { error } = await server.anon().auth.getUser(accessToken);
		expect(isAuthSessionMissingError(error)).toBe(true);
		const { rows } = await server.db.query('select 1 from auth.sessions where id = $1', [sessionIdOf(accessToken)]);
		expect(rows).toHaveLength(0);
	});

	it('honours scope local, others and global', async () => {
		const sessionsOf = async () =>
			(
				await server.db.query<{ id: string }>('select id from auth.sessions where user_id = $1 order by created_at', [
					demoAgent(21).userId
				])
			).rows.map((row) => row.id);
		const a = await signedIn(demoAgent(21).email);
		const b = await signedIn(demoAgent(21).email);
		const c = await signedIn(demoAgent(21).email);
		expect(await sessionsOf()).toHaveLength(3);

		expect((await b.client.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect(await sessionsOf()).toEqual([sessionIdOf(b.accessToken)]);
		expect((await a.client.auth.refreshSession()).error?.code).toBe('refresh_token_not_found');

		const d = await signedIn(demoAgent(21).email);
		expect((await d.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect(await sessionsOf()).toEqual([sessionIdOf(b.accessToken)]);

		await signedIn(demoAgent(21).email);
		const res = await server.authFetch('/logout', {
			method: 'POST',
			headers: { authorization: `Bearer ${b.accessToken}` }
		});
		expect(res.status).toBe(204);
		expect(await sessionsOf()).toEqual([]);
		expect((await c.client.auth.refreshSession()).error?.code).toBe('refresh_token_not_found');
	});

	it('refuses an unknown scope and a missing token', async () => {
		const { accessToken } = await signedIn(demoAgent(22).email);
		const bad = await server.authFetch('/logout?scope=everyone', {
			method: 'POST',
			headers: { authorization: `Bearer ${accessToken}` }
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ code: 'validation_failed', message: 'Unsupported logout scope "everyone"' });
		const anonymous = await server.authFetch('/logout', { method: 'POST' });
		expect(anonymous.status).toBe(401);
	});
});
