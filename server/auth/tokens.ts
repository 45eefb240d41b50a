// What a sign-in or refresh hands out: an HS256 access token with GoTrue's
// claims, an opaque refresh token in GoTrue's legacy format (12 characters
// [a-z0-9], which its /token endpoint checks before any lookup), and the
// session JSON auth-js stores.
import { randomBytes } from 'node:crypto';
import { signJwt } from './jwt.ts';
import { userJson, type UserRow } from './user-rows.ts';

export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_PATTERN = /^[a-z0-9]{12}$/;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newRefreshToken(): string {
	let token = '';
	while (token.length < 12) {
		for (const byte of randomBytes(16)) {
			// 252 = 7 × 36: rejecting higher bytes keeps every character equally likely.
			if (byte < 252 && token.length < 12) token += ALPHABET[byte % 36] ?? '';
		}
	}
	return token;
}

export interface SessionInfo {
	id: string;
	/** When the user signed in: the `amr` timestamp of every token of the session. */
	created_at: Date;
}

export interface AccessToken {
	token: string;
	expiresAt: number;
}

export function mintAccessToken(
	user: UserRow,
	session: SessionInfo,
	options: { issuer: string; secret: string; nowS?: number }
): AccessToken {
	const iat = options.nowS ?? Math.floor(Date.now() / 1000);
	const exp = iat + ACCESS_TOKEN_TTL_S;
	// Claim order as GoTrue's AccessTokenClaims struct serializes them.
	const claims = {
		iss: options.issuer,
		sub: user.id,
		aud: user.aud ?? 'authenticated',
		exp,
		iat,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role ?? 'authenticated',
		aal: 'aal1',
		amr: [{ method: 'password', timestamp: Math.floor(session.created_at.getTime() / 1000) }],
		session_id: session.id,
		is_anonymous: user.is_anonymous
	};
	return { token: signJwt(claims, options.secret), expiresAt: exp };
}

export interface SessionJson {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	expires_at: number;
	refresh_token: string;
	user: Record<string, unknown>;
}

export function sessionJson(
	user: UserRow,
	session: SessionInfo,
	refreshToken: string,
	options: { issuer: string; secret: string }
): SessionJson {
	const nowS = Math.floor(Date.now() / 1000);
	const access = mintAccessToken(user, session, { ...options, nowS });
	return {
		access_token: access.token,
		token_type: 'bearer',
		expires_in: access.expiresAt - nowS,
		expires_at: access.expiresAt,
		refresh_token: refreshToken,
		user: userJson(user)
	};
}
