// Everything one REST request carries through the handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.ts';
import type { RequestAuth } from './auth-role.ts';
import type { CatalogCache } from './catalog.ts';
import type { Preferences, Representation } from './negotiate.ts';
import type { RunOptions } from './run.ts';

export interface RestRequest {
	ctx: ServerContext;
	catalog: CatalogCache;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	method: string;
	auth: RequestAuth;
	prefs: Preferences;
	rep: Representation;
	/** The deadline of this request's statements (ms), from its role (deadlines.ts). */
	deadlineMs: number;
	/** Most rows a read returns (db-max-rows). */
	maxRows: number;
}

export function runOptions(r: RestRequest, readOnly: boolean): RunOptions {
	return { readOnly, rollback: r.prefs.rollback, method: r.method, path: r.url.pathname, timeoutMs: r.deadlineMs };
}

/** Preference-Applied lists the preferences that were honoured. */
export function appliedHeader(r: RestRequest): Record<string, string> {
	return r.prefs.applied.length > 0 ? { 'preference-applied': r.prefs.applied.join(', ') } : {};
}
