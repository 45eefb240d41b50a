// Request bodies: JSON only, size-limited through readBody. The raw text is
// kept and bound as one parameter (Postgres parses it again, without the
// precision loss JSON.parse has for big numbers); the parsed value is only
// used to learn the keys.
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http/respond.ts';
import { pgrstError, RestError } from './errors.ts';

export interface JsonBody {
	text: string;
	value: unknown;
}

export function invalidJson(message = 'Empty or invalid json'): RestError {
	return pgrstError(400, 'PGRST102', message);
}

/** The body as JSON, or undefined when it is empty. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody | undefined> {
	const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
	if (type !== undefined && type !== '' && type !== 'application/json') {
		req.resume();
		throw pgrstError(415, 'PGRST107', `Content-Type not acceptable: ${type}`);
	}
	let text: string;
	try {
		text = await readBody(req);
	} catch (err) {
		if (err instanceof BodyTooLargeError) {
			throw pgrstError(
				413,
				'54000',
				`Request body is larger than ${err.limit} bytes`,
				null,
				'Send fewer rows per request.'
			);
		}
		throw err;
	}
	if (text.trim() === '') return undefined;
	try {
		return { text, value: JSON.parse(text) as unknown };
	} catch {
		throw invalidJson();
	}
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
