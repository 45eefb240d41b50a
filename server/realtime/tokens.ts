// JWT checks for realtime with Supabase Realtime's wording. The same failure
// reads differently where it surfaces: the HTTP refusal of the upgrade
// (user_socket.ex), the error reply to phx_join (prefixed with an error
// code), and the system message that shuts a channel down.
import { verifyJwt, type JwtClaims } from '../auth/jwt.ts';

export type TokenFailure = 'malformed' | 'signature' | 'expired' | 'missing_claims';

export type TokenCheck =
	{ ok: true; claims: JwtClaims; exp: number } | { ok: false; failure: TokenFailure; expiredAgoS?: number };

const MALFORMED = 'The token provided is not a valid JWT';
const MISSING_CLAIMS = 'Fields `role` and `exp` are required in JWT';

/** Realtime strips whitespace from tokens before verifying them. */
export function checkToken(token: string, secret: string, nowS = Math.floor(Date.now() / 1000)): TokenCheck {
	const cleaned = token.replace(/\s/g, '');
	const result = verifyJwt(cleaned, secret, nowS);
	if (result.ok) {
		const exp = result.claims.exp;
		if (exp === undefined) return { ok: false, failure: 'missing_claims' };
		return { ok: true, claims: result.claims, exp };
	}
	switch (result.reason) {
		case 'malformed':
			return { ok: false, failure: 'malformed' };
		case 'bad_signature':
			return { ok: false, failure: 'signature' };
		case 'bad_claims':
			return { ok: false, failure: 'missing_claims' };
		case 'expired': {
			const exp = expOf(cleaned);
			return { ok: false, failure: 'expired', expiredAgoS: exp === undefined ? 0 : Math.max(0, nowS - exp) };
		}
	}
}

function expOf(token: string): number | undefined {
	try {
		const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		const exp = (claims as { exp?: unknown }).exp;
		return typeof exp === 'number' ? Math.round(exp) : undefined;
	} catch {
		return undefined;
	}
}

type Failed = Extract<TokenCheck, { ok: false }>;

/** Body text of the 401 that refuses the WebSocket upgrade. */
export function upgradeRefusal(check: Failed): string {
	switch (check.failure) {
		case 'malformed':
			return MALFORMED;
		case 'signature':
			return 'Failed to validate JWT signature';
		case 'expired':
			return 'Token has expired';
		case 'missing_claims':
			return MISSING_CLAIMS;
	}
}

/** `reason` of the phx_join error reply. */
export function joinRefusal(check: Failed): string {
	switch (check.failure) {
		case 'malformed':
			return `MalformedJWT: ${MALFORMED}`;
		case 'signature':
			return 'JwtSignatureError: Failed to validate JWT signature';
		case 'expired':
			return `InvalidJWTToken: Token has expired ${check.expiredAgoS ?? 0} seconds ago`;
		case 'missing_claims':
			return `InvalidJWTToken: ${MISSING_CLAIMS}`;
	}
}

/** `message` of the system error that closes a joined channel (new access_token or token expiry). */
export function shutdownMessage(check: Failed): string {
	switch (check.failure) {
		case 'malformed':
			return MALFORMED;
		// Realtime has no wording for this one and sends the inspected error atom.
		case 'signature':
			return ':signature_error';
		case 'expired':
			return `Token has expired ${check.expiredAgoS ?? 0} seconds ago`;
		case 'missing_claims':
			return MISSING_CLAIMS;
	}
}
