// Small HTTP helpers shared by the API modules: JSON replies and a request
// body reader with a size limit, so one oversized upload cannot exhaust memory.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body any API accepts (ingest batches of 1,000 events fit easily). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`Request body is larger than ${limit} bytes`);
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	if (res.headersSent) return;
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		...headers
	});
	res.end(body === undefined ? '' : JSON.stringify(body));
}

/** The raw body as text; rejects with BodyTooLargeError past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length'] ?? 0);
		if (declared > limit) {
			req.resume();
			reject(new BodyTooLargeError(limit));
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk: Buffer) => {
			if (failed) return;
			size += chunk.length;
			if (size > limit) {
				failed = true;
				reject(new BodyTooLargeError(limit));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', (err) => {
			if (!failed) reject(err);
		});
	});
}

/** The bearer token of an Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	if (!header) return undefined;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match?.[1];
}

/** The API key a supabase-js client sends (header `apikey`, or `?apikey=` for WebSockets). */
export function apiKey(req: IncomingMessage, url: URL): string | undefined {
	const header = req.headers.apikey;
	const value = Array.isArray(header) ? header[0] : header;
	return value ?? url.searchParams.get('apikey') ?? undefined;
}
