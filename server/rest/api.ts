// /rest/v1: the PostgREST subset supabase-js uses — tables and views of
// schema public, and functions under /rpc. Routing and error answers live
// here; the work is in table.ts and rpc.ts.
import { DEFAULT_API_LIMITS, type ApiHandler, type ServerContext } from '../context.ts';
import { DbUnavailableError } from '../db/errors.ts';
import { authenticate, type RequestAuth } from './auth-role.ts';
import { createCatalogCache } from './catalog.ts';
import { createDeadlines } from './deadlines.ts';
import { fromPgError, fromUnavailable, isPgError, pgrstError, RestError } from './errors.ts';
import { checkProfile, negotiateAccept, parsePrefer } from './negotiate.ts';
import { sendError } from './reply.ts';
import type { RestRequest } from './request.ts';
import { handleRpc } from './rpc.ts';
import { handleTable } from './table.ts';

const PREFIX = '/rest/v1';

function segments(pathname: string): string[] | undefined {
	try {
		return pathname
			.slice(PREFIX.length)
			.split('/')
			.filter((s) => s !== '')
			.map((s) => decodeURIComponent(s));
	} catch {
		return undefined;
	}
}

export function createRestApi(ctx: ServerContext): ApiHandler {
	const catalog = createCatalogCache(ctx.db);
	const limits = { ...DEFAULT_API_LIMITS, ...ctx.limits };
	const deadlines = createDeadlines(ctx.db, limits.statementTimeoutMs);
	return async (req, res, url) => {
		let auth: RequestAuth | undefined;
		try {
			auth = authenticate(req, url, ctx.keys.jwt_secret);
			checkProfile(req);
			const r: RestRequest = {
				ctx,
				catalog,
				req,
				res,
				url,
				method: req.method ?? 'GET',
				auth,
				prefs: parsePrefer(req.headers.prefer),
				rep: negotiateAccept(req.headers.accept),
				deadlineMs: await deadlines.forRole(auth.role),
				maxRows: limits.maxRows
			};
			const path = segments(url.pathname);
			if (path?.length === 1 && path[0] !== undefined && path[0] !== 'rpc') return await handleTable(r, path[0]);
			if (path?.length === 2 && path[0] === 'rpc' && path[1] !== undefined) return await handleRpc(r, path[1]);
			if (path?.length === 0) throw pgrstError(404, 'PGRST126', 'Root endpoint metadata is disabled');
			throw pgrstError(404, 'PGRST125', 'Invalid path specified in request URL');
		} catch (err) {
			if (err instanceof RestError) return sendError(req, res, err);
			if (err instanceof DbUnavailableError) return sendError(req, res, fromUnavailable(err));
			if (isPgError(err)) return sendError(req, res, fromPgError(err, auth !== undefined && auth.role !== 'anon'));
			ctx.log(
				`rest: ${req.method ?? ''} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
			);
			sendError(req, res, pgrstError(500, 'PGRSTX00', 'Internal server error'));
		}
	};
}
