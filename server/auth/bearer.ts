// Who is calling, from the Authorization bearer token, with GoTrue's answers
// (api/auth.go, api/middleware.go): 401 without a token, 403 bad_jwt for a
// token that does not verify, and for a user token the user and the session
// it names must still exist (403 session_not_found after logout).
import { bearerToken } from '../http/respond.ts';
import { authError, forbidden } from './errors.ts';
import { verifyJwt, type JwtClaims, type VerifyResult } from './jwt.ts';
import { isUuid, type AuthRequest } from './request.ts';
import { findSession, type SessionRow } from './session-store.ts';
import { findUserById, isBanned, type UserRow } from './user-rows.ts';

export interface Caller {
	claims: JwtClaims;
	user: UserRow;
	/** Undefined for a token without a session_id claim. */
	session: SessionRow | undefined;
}

/** golang-jwt's wording for each failure, after GoTrue's prefix. */
function jwtProblem(token: string, reason: Exclude<VerifyResult, { ok: true }>['reason']): string {
	switch (reason) {
		case 'expired':
			return 'token has invalid claims: token is expired';
		case 'bad_signature':
			return 'token signature is invalid: signature is invalid';
		case 'bad_claims':
			return 'token has invalid claims: the role claim is missing or unknown';
		case 'malformed': {
			const parts = token.split('.');
			if (parts.length !== 3) return 'token is malformed: token contains an invalid number of segments';
			try {
				const header: unknown = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
				const alg = (header as { alg?: unknown } | null)?.alg;
				if (typeof alg === 'string') return `token signature is invalid: signing method ${alg} is invalid`;
			} catch {
				// fall through: the header is not JSON
			}
			return 'token is malformed: could not JSON decode header';
		}
	}
}

function verifiedClaims(r: AuthRequest): JwtClaims {
	const token = bearerToken(r.req);
	if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	const result = verifyJwt(token, r.ctx.keys.jwt_secret);
	if (!result.ok) {
		throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${jwtProblem(token, result.reason)}`);
	}
	return result.claims;
}

async function loadUserAndSession(r: AuthRequest, claims: JwtClaims): Promise<Caller> {
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
	if (!isUuid(claims.sub)) throw authError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(r.ctx.db, claims.sub);
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
	let session: SessionRow | undefined;
	const sessionId = claims.session_id;
	if (sessionId && sessionId !== '00000000-0000-0000-0000-000000000000') {
		if (!isUuid(sessionId)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
		session = await findSession(r.ctx.db, sessionId);
		if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	return { claims, user, session };
}

/** The signed-in user behind the bearer token (GET /user, POST /logout). */
export async function requireUser(r: AuthRequest): Promise<Caller> {
	const caller = await loadUserAndSession(r, verifiedClaims(r));
	if (isBanned(caller.user)) throw forbidden('user_banned', 'User is banned');
	return caller;
}

/** Admin routes: a service_role token (the service key); anything else is 403 not_admin. */
export async function requireAdmin(r: AuthRequest): Promise<void> {
	const claims = verifiedClaims(r);
	// A user token must at least still be live before being told it is not an admin.
	if (claims.session_id) await loadUserAndSession(r, claims);
	if (claims.role !== 'service_role') throw forbidden('not_admin', 'User not allowed');
}
