// One /auth/v1 request as the handlers see it, and GoTrue's way of reading a
// JSON body: at most 1 MB, any content type, unknown fields ignored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { BodyTooLargeError, readBody } from '../http/respond.ts';
import { authError, badRequest } from './errors.ts';
import type { LoginLimiter } from './login-limiter.ts';

/** GoTrue's own request body limit (limitRequestBody(1 << 20)). */
export const MAX_AUTH_BODY_BYTES = 1 << 20;

export interface AuthRequest {
	ctx: ServerContext;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	limiter: LoginLimiter;
}

/** The client's address: the socket's, or the one a trusted reverse proxy forwarded (ServerContext.clientAddress). */
export function clientIp(r: AuthRequest): string {
	return r.ctx.clientAddress(r.req);
}

export function userAgent(req: IncomingMessage): string | null {
	const value = req.headers['user-agent'];
	return value ? value.slice(0, 1000) : null;
}

/**
 * The `iss` claim: the configured public URL's /auth/v1, as GoTrue's issuer is
 * the API's external URL + /auth/v1 (`https://<ref>.supabase.co/auth/v1`).
 */
export function issuer(r: AuthRequest): string {
	return `${r.ctx.publicUrl()}/auth/v1`;
}

/**
 * The body parsed by `schema`. Like Go's json.Unmarshal into a struct: an
 * unparsable body or a field of the wrong type is `bad_json`; `null` reads
 * as an empty object.
 */
export async function readJson<T>(
	req: IncomingMessage,
	schema: z.ZodType<T>,
	options: { optional?: boolean } = {}
): Promise<T> {
	let text: string;
	try {
		text = await readBody(req, MAX_AUTH_BODY_BYTES);
	} catch (err) {
		if (err instanceof BodyTooLargeError) {
			throw authError(413, 'request_entity_too_large', `Request body too large (max ${err.limit} bytes)`);
		}
		throw err;
	}
	let value: unknown;
	try {
		// Some endpoints (DELETE /admin/users/<id>) parse a body only when there is one.
		value = options.optional && text.trim() === '' ? {} : JSON.parse(text);
	} catch (err) {
		const reason = err instanceof Error ? err.message : 'invalid JSON';
		throw badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);
	}
	const parsed = schema.safeParse(value ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue && issue.path.length > 0 ? ` (field ${issue.path.join('.')})` : '';
		throw badRequest('bad_json', `Could not parse request body as JSON: ${issue?.message ?? 'invalid value'}${where}`);
	}
	return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID.test(value);
}
