// Sending answers: bodies are JSON text Postgres already produced, passed
// through untouched (no parse and re-serialise that would round big int8
// values); errors are RestError bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestError } from './errors.ts';

export function sendText(
	req: IncomingMessage,
	res: ServerResponse,
	status: number,
	body: string | undefined,
	headers: Record<string, string>
): void {
	if (res.headersSent) return;
	const all: Record<string, string> = { 'cache-control': 'no-store', ...headers };
	if (body !== undefined) all['content-length'] = String(Buffer.byteLength(body));
	res.writeHead(status, all);
	res.end(req.method === 'HEAD' || body === undefined ? undefined : body);
}

export function sendError(req: IncomingMessage, res: ServerResponse, err: RestError): void {
	sendText(req, res, err.status, JSON.stringify(err.body), {
		'content-type': 'application/json; charset=utf-8',
		...err.headers
	});
}
