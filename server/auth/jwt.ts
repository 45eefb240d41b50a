// HS256 JSON Web Tokens, the only kind Supabase's legacy JWT secret signs:
// API keys (role anon / service_role) and user access tokens (role
// authenticated). Verification checks the signature in constant time and
// the expiry; it never trusts the header's `alg`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export { signJwt } from '../keys.ts';

/** Claims every token we accept must carry; others pass through untouched. */
const ClaimsSchema = z
	.object({
		role: z.enum(['anon', 'authenticated', 'service_role']),
		exp: z.number().optional(),
		sub: z.string().optional(),
		session_id: z.string().optional(),
		aud: z.union([z.string(), z.array(z.string())]).optional()
	})
	.passthrough();
export type JwtClaims = z.infer<typeof ClaimsSchema>;

export type VerifyResult =
	{ ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'bad_claims' };

function decodePart(part: string): unknown {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export function verifyJwt(token: string, secret: string, nowS = Math.floor(Date.now() / 1000)): VerifyResult {
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, reason: 'malformed' };
	const [header, body, signature] = parts as [string, string, string];
	let headerJson: unknown;
	let payload: unknown;
	try {
		headerJson = decodePart(header);
		payload = decodePart(body);
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (typeof headerJson !== 'object' || headerJson === null || (headerJson as { alg?: unknown }).alg !== 'HS256') {
		return { ok: false, reason: 'malformed' };
	}
	const expected = createHmac('sha256', secret).update(`${header}.${body}`).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'bad_signature' };
	}
	const claims = ClaimsSchema.safeParse(payload);
	if (!claims.success) return { ok: false, reason: 'bad_claims' };
	if (claims.data.exp !== undefined && claims.data.exp <= nowS) return { ok: false, reason: 'expired' };
	return { ok: true, claims: claims.data };
}
