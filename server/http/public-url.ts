// The origin browsers and tokens name this server by: PUBLIC_URL when it is
// configured, else the listen address. Never the request's Host header,
// which any client can set (and a cache or a token would then repeat).
import { isIPv6 } from 'node:net';

/**
 * A PUBLIC_URL as the server uses it: an http(s) origin without a trailing
 * slash. Throws with the reason when the value is something else (a path,
 * a query, credentials), because supabase-js appends /auth/v1 and
 * /realtime/v1 to it and a path would silently misroute every call.
 */
export function parsePublicUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error('must be an absolute URL such as https://callboard.example.com');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must start with http:// or https://');
	if (url.username !== '' || url.password !== '') throw new Error('must not contain a user name or password');
	if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
		throw new Error('must be an origin only (scheme, host and port), without a path, query or fragment');
	}
	return url.origin;
}

/** http://host:port for a listen address; a wildcard address (all interfaces) reads as localhost. */
export function listenUrl(host: string, port: number): string {
	if (host === '0.0.0.0' || host === '::' || host === '') return `http://localhost:${port}`;
	return `http://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** The WebSocket origin realtime-js derives from an API origin (http → ws, https → wss). */
export function websocketOrigin(httpOrigin: string): string {
	return httpOrigin.replace(/^http/, 'ws');
}
