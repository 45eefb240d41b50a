// POST /token?grant_type=refresh_token — rotation with reuse detection, as
// GoTrue does it for its (legacy-format) refresh tokens:
// - an active token is revoked and replaced by a child (parent = it);
// - the revoked parent of the session's active token returns that active
//   token again (the client lost the answer to its last refresh);
// - another revoked token still refreshes within REUSE_INTERVAL_S of its
//   revocation (two tabs refreshing at once);
// - past that it is reuse of a leaked token: every token of the session is
//   revoked and the caller gets refresh_token_already_used.
// One deliberate difference: once a session's tokens were revoked for reuse,
// none of them refreshes again (GoTrue's revocation restarts the interval).
import { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { sendJson } from '../http/respond.ts';
import { AuthApiError, badRequest } from './errors.ts';
import { clientIp, issuer, readJson, userAgent, type AuthRequest } from './request.ts';
import { findSession, insertRefreshToken } from './session-store.ts';
import { REFRESH_TOKEN_PATTERN, sessionJson, type SessionJson } from './tokens.ts';
import { findUserById, isBanned } from './user-rows.ts';

export const REUSE_INTERVAL_S = 10;

const Params = z.object({ refresh_token: z.string().nullish() });

interface TokenRow {
	id: string;
	token: string;
	user_id: string | null;
	revoked: boolean | null;
	parent: string | null;
	session_id: string | null;
	updated_at: Date | null;
}

const notFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
const alreadyUsed = () => badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');

type Outcome = { ok: true; body: SessionJson } | { ok: false; error: AuthApiError };

async function rotate(tx: Queryable, r: AuthRequest, presented: string): Promise<Outcome> {
	const { rows } = await tx.query<TokenRow>(
		`select id, token, user_id, revoked, parent, session_id, updated_at
		from auth.refresh_tokens where token = $1 for update`,
		[presented]
	);
	const token = rows[0];
	if (!token?.user_id) throw notFound();
	const user = await findUserById(tx, token.user_id);
	if (!user || user.deleted_at !== null) throw notFound();
	if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
	const session = token.session_id ? await findSession(tx, token.session_id, true) : undefined;
	if (!session) {
		// A token from before sessions existed: GoTrue deletes it, so this must commit too.
		await tx.query('delete from auth.refresh_tokens where id = $1', [token.id]);
		return { ok: false, error: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') };
	}
	if (session.not_after !== null && session.not_after <= new Date()) {
		throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
	}

	let issued: string | undefined;
	if (token.revoked) {
		const active = await tx.query<{ token: string; parent: string | null }>(
			`select token, parent from auth.refresh_tokens
			where session_id = $1 and revoked = false order by id desc limit 1`,
			[session.id]
		);
		const current = active.rows[0];
		const revokedAt = token.updated_at?.getTime() ?? 0;
		if (current && current.parent === token.token) {
			issued = current.token;
		} else if (!current || Date.now() > revokedAt + REUSE_INTERVAL_S * 1000) {
			await tx.query(
				'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
				[session.id]
			);
			// Returned, not thrown: the revocation has to commit.
			return { ok: false, error: alreadyUsed() };
		}
	}
	if (issued === undefined) {
		await tx.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id]);
		issued = await insertRefreshToken(tx, user.id, session.id, token.token);
	}
	await tx.query(
		`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now(), user_agent = $2, ip = $3::inet
		where id = $1`,
		[session.id, userAgent(r.req), clientIp(r) || null]
	);
	const fresh = (await findUserById(tx, user.id)) ?? user;
	return {
		ok: true,
		body: sessionJson(fresh, session, issued, { issuer: issuer(r), secret: r.ctx.keys.jwt_secret })
	};
}

export async function refreshGrant(r: AuthRequest): Promise<void> {
	const presented = (await readJson(r.req, Params)).refresh_token ?? '';
	// GoTrue refuses anything but its token format before touching the database.
	if (!REFRESH_TOKEN_PATTERN.test(presented)) throw badRequest('validation_failed', 'Refresh token is not valid');
	const outcome = await r.ctx.db.transaction((tx) => rotate(tx, r, presented));
	if (!outcome.ok) throw outcome.error;
	sendJson(r.res, 200, outcome.body);
}
