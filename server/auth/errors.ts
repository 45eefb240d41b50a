// GoTrue-shaped errors. GoTrue answers in one of two shapes, chosen by the
// request's X-Supabase-Api-Version header (auth-js always sends 2024-01-01):
//   initial:    {code: <http status>, error_code, msg}
//   2024-01-01: {code: <error code>, message}, and the header echoed back,
// which is how auth-js knows to read `code` as the error code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/respond.ts';

export const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024 = '2024-01-01';

/** An answer the auth API gives instead of a result; thrown anywhere, sent once by api.ts. */
export class AuthApiError extends Error {
	constructor(
		readonly status: number,
		/** GoTrue's error code (apierrors/errorcode.go), e.g. invalid_credentials. */
		readonly errorCode: string,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function authError(status: number, errorCode: string, message: string): AuthApiError {
	return new AuthApiError(status, errorCode, message);
}

export const badRequest = (errorCode: string, message: string) => authError(400, errorCode, message);
export const forbidden = (errorCode: string, message: string) => authError(403, errorCode, message);
export const unexpectedFailure = () =>
	authError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');

/**
 * GoTrue's answer when a request runs out of time (its timeout middleware):
 * here, when the database passed a deadline or could not take the request.
 * auth-js treats 504 as retryable.
 */
export function requestTimeout(retryAfterS: number): AuthApiError {
	const error = authError(504, 'request_timeout', 'Processing this request timed out, please retry after a moment.');
	error.headers['retry-after'] = String(retryAfterS);
	return error;
}

/** The closest API version GoTrue knows for the header value; undefined means the initial one. */
export function requestApiVersion(req: IncomingMessage): string | undefined {
	const raw = req.headers[API_VERSION_HEADER];
	const value = Array.isArray(raw) ? raw[0] : raw;
	// Go parses with layout 2006-01-02: exactly this form and a real calendar date.
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const date = new Date(`${value}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return undefined;
	return value >= API_VERSION_2024 ? API_VERSION_2024 : undefined;
}

export function sendAuthError(req: IncomingMessage, res: ServerResponse, err: AuthApiError): void {
	const fallbackCode = err.status >= 500 ? 'unexpected_failure' : 'unknown';
	const errorCode = err.errorCode || fallbackCode;
	const version = requestApiVersion(req);
	if (version) {
		sendJson(
			res,
			err.status,
			{ code: errorCode, message: err.message },
			{ ...err.headers, [API_VERSION_HEADER]: version }
		);
	} else {
		sendJson(res, err.status, { code: err.status, error_code: errorCode, msg: err.message }, err.headers);
	}
}
