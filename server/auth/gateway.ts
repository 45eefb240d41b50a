// The API gateway's check in front of GoTrue: every /auth/v1 request carries
// one of the project's API keys. Supabase's gateway refuses others before
// GoTrue sees them, in its own `{message, hint}` shape (not GoTrue's).
import type { IncomingMessage } from 'node:http';
import { apiKey } from '../http/respond.ts';
import { verifyJwt } from './jwt.ts';

export class GatewayRefusal extends Error {
	readonly status = 401;
	constructor(
		message: string,
		readonly hint: string
	) {
		super(message);
	}
}

/** Throws GatewayRefusal unless the request has a valid anon or service_role key. */
export function checkApiKey(req: IncomingMessage, url: URL, secret: string): void {
	const key = apiKey(req, url);
	if (!key)
		throw new GatewayRefusal('No API key found in request', 'No `apikey` request header or url param was found.');
	const result = verifyJwt(key, secret);
	// A user's access token is signed with the same secret but is not an API key.
	if (!result.ok || result.claims.role === 'authenticated') {
		throw new GatewayRefusal('Invalid API key', 'Double check your Supabase `anon` or `service_role` API key.');
	}
}
