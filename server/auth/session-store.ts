// auth.sessions and auth.refresh_tokens as GoTrue keeps them: one session
// per sign-in, a chain of refresh tokens in it (each new one's `parent` is
// the token it replaced), and logout as deleting sessions, whose refresh
// tokens go with them (on delete cascade).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { newRefreshToken, type SessionInfo } from './tokens.ts';

/** GoTrue writes the nil instance id on every row it creates. */
export const NIL_INSTANCE = '00000000-0000-0000-0000-000000000000';

export interface SessionRow extends SessionInfo {
	user_id: string;
	not_after: Date | null;
}

export async function findSession(db: Queryable, id: string, forUpdate = false): Promise<SessionRow | undefined> {
	const { rows } = await db.query<SessionRow>(
		`select id, user_id, created_at, not_after from auth.sessions where id = $1${forUpdate ? ' for update' : ''}`,
		[id]
	);
	return rows[0];
}

/** A refresh token row; bumps the user's last_sign_in_at, as GoTrue's createRefreshToken does. */
export async function insertRefreshToken(
	tx: Queryable,
	userId: string,
	sessionId: string,
	parent: string | null
): Promise<string> {
	const token = newRefreshToken();
	await tx.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values ($1, $2, $3, false, now(), now(), $4, $5)`,
		[NIL_INSTANCE, token, userId, parent, sessionId]
	);
	await tx.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId]);
	return token;
}

/** A new session for a sign-in, with its first refresh token. */
export async function startSession(
	tx: Queryable,
	userId: string,
	client: { userAgent: string | null; ip: string }
): Promise<{ session: SessionInfo; refreshToken: string }> {
	const { rows } = await tx.query<SessionInfo>(
		`insert into auth.sessions (id, user_id, created_at, updated_at, user_agent, ip)
		values ($1, $2, now(), now(), $3, $4::inet) returning id, created_at`,
		[randomUUID(), userId, client.userAgent, client.ip || null]
	);
	const session = rows[0];
	if (!session) throw new Error('insert into auth.sessions returned no row');
	return { session, refreshToken: await insertRefreshToken(tx, userId, session.id, null) };
}

export type LogoutScope = 'global' | 'local' | 'others';

export async function endSessions(
	tx: Queryable,
	userId: string,
	sessionId: string | undefined,
	scope: LogoutScope
): Promise<void> {
	// A token without a session (not one we issued) can only log out everywhere, as in GoTrue.
	if (sessionId === undefined || scope === 'global') {
		await tx.query('delete from auth.sessions where user_id = $1', [userId]);
	} else if (scope === 'local') {
		await tx.query('delete from auth.sessions where id = $1', [sessionId]);
	} else {
		await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
	}
}
