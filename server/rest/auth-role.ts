// Who is calling: the API gateway's check (an `apikey` signed with our
// secret, as Supabase's gateway demands) and then PostgREST's (the bearer
// token's `role` claim picks the database role; without a bearer, the API
// key's own claims are used, as supabase-js sends before sign-in).
import type { IncomingMessage } from 'node:http';
import { verifyJwt, type JwtClaims } from '../auth/jwt.ts';
import { apiKey, bearerToken } from '../http/respond.ts';
import { pgrstError, RestError } from './errors.ts';

export type ApiRole = JwtClaims['role'];

export interface RequestAuth {
	role: ApiRole;
	/** The verified claims as JSON, for `request.jwt.claims`. */
	claims: string;
}

function invalidToken(code: string, message: string): RestError {
	const error = pgrstError(401, code, message);
	error.headers['www-authenticate'] = `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`;
	return error;
}

export function authenticate(req: IncomingMessage, url: URL, secret: string): RequestAuth {
	const key = apiKey(req, url);
	if (!key) {
		throw new RestError(401, {
			message: 'No API key found in request',
			hint: 'No `apikey` request header or url param was found.'
		});
	}
	const keyCheck = verifyJwt(key, secret);
	if (!keyCheck.ok) {
		throw new RestError(401, {
			message: 'Invalid API key',
			hint: 'Double check your Supabase `anon` or `service_role` API key.'
		});
	}

	const header = req.headers.authorization;
	if (header === undefined) return { role: keyCheck.claims.role, claims: JSON.stringify(keyCheck.claims) };
	const token = bearerToken(req);
	if (!token) throw invalidToken('PGRST301', 'Empty JWT is sent in Authorization header');
	const result = verifyJwt(token, secret);
	if (result.ok) return { role: result.claims.role, claims: JSON.stringify(result.claims) };
	switch (result.reason) {
		case 'expired':
			throw invalidToken('PGRST303', 'JWT expired');
		case 'bad_claims':
			throw invalidToken('PGRST303', 'Parsing claims failed');
		case 'bad_signature':
			throw invalidToken('PGRST301', 'JWT cryptographic operation failed');
		case 'malformed': {
			const parts = token.split('.').length;
			throw invalidToken('PGRST301', parts === 3 ? "JWT couldn't be decoded" : `Expected 3 parts in JWT; got ${parts}`);
		}
	}
}
