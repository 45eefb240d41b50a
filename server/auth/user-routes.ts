// The signed-in user's own endpoints: GET /user and POST /logout.
import { sendJson } from '../http/respond.ts';
import { requireUser } from './bearer.ts';
import { badRequest } from './errors.ts';
import type { AuthRequest } from './request.ts';
import { endSessions, type LogoutScope } from './session-store.ts';
import { userJson } from './user-rows.ts';

export async function getUser(r: AuthRequest): Promise<void> {
	const { claims, user } = await requireUser(r);
	// GoTrue compares the token's audience with the request's, which defaults to the token's own.
	const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
	if (!aud) throw badRequest('validation_failed', "Token audience doesn't match request audience");
	sendJson(r.res, 200, userJson(user));
}

function logoutScope(url: URL): LogoutScope {
	const scope = url.searchParams.get('scope') ?? '';
	if (scope === '' || scope === 'global') return 'global';
	if (scope === 'local' || scope === 'others') return scope;
	throw badRequest('validation_failed', `Unsupported logout scope ${JSON.stringify(scope)}`);
}

export async function logout(r: AuthRequest): Promise<void> {
	const { user, session } = await requireUser(r);
	const scope = logoutScope(r.url);
	await r.ctx.db.transaction((tx) => endSessions(tx, user.id, session?.id, scope));
	r.res.writeHead(204).end();
}
