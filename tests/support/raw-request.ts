// An HTTP request with what fetch() will not send: a forged Host header, or
// a chosen source address (any 127.x.y.z reaches a loopback server on Linux,
// so one machine can play clients at several addresses).
import { request } from 'node:http';

export interface RawRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	/** Source address of the connection, e.g. 127.0.0.2. */
	localAddress?: string;
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export function rawRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(options.body);
	});
}
