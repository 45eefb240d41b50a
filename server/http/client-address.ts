// Who is asking, for rate limits and session records: the socket's remote
// address, or — only when that address is a reverse proxy the settings name
// — the nearest untrusted address in X-Forwarded-For. A header from anyone
// else is the client's own text and is ignored.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export type ClientAddress = (req: IncomingMessage) => string;

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, how a dual-stack socket reports IPv4) as plain IPv4. */
export function normalizeAddress(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	return (mapped?.[1] ?? address).toLowerCase();
}

/** One entry of X-Forwarded-For as an address, or undefined when it is not one. */
function forwardedEntry(entry: string): string | undefined {
	let value = entry.trim();
	// Some proxies write [v6]:port or v4:port.
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
	if (bracketed?.[1]) value = bracketed[1];
	else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
	return isIP(value) === 0 ? undefined : normalizeAddress(value);
}

/** Validates the trusted proxy list (CALLBOARD_TRUSTED_PROXIES); throws naming the first bad entry. */
export function parseTrustedProxies(value: string): string[] {
	const entries = value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	for (const entry of entries) {
		if (isIP(entry) === 0) throw new Error(`"${entry}" is not an IP address`);
	}
	return entries.map(normalizeAddress);
}

export function clientAddressResolver(trustedProxies: readonly string[] = []): ClientAddress {
	const trusted = new Set(trustedProxies.map(normalizeAddress));
	return (req) => {
		const peer = normalizeAddress(req.socket.remoteAddress ?? '');
		if (!trusted.has(peer)) return peer;
		const header = req.headers['x-forwarded-for'];
		const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
		// Walk from the proxy outwards: the first hop no trusted proxy vouches for is the client.
		for (let i = hops.length - 1; i >= 0; i--) {
			const hop = forwardedEntry(hops[i] ?? '');
			if (hop === undefined) return peer;
			if (!trusted.has(hop)) return hop;
		}
		return peer;
	};
}

/**
 * The bucket a rate limit counts an address in: the address itself for
 * IPv4, the /64 network for IPv6 (one home or office gets a whole /64 and
 * can rotate through it, so single IPv6 addresses are no unit of abuse).
 */
export function limitKey(address: string): string {
	if (isIP(address) !== 6) return address;
	const [head = '', tail = ''] = address.split('::');
	const headParts = head === '' ? [] : head.split(':');
	const tailParts = tail === '' ? [] : tail.split(':');
	const missing = address.includes('::') ? 8 - headParts.length - tailParts.length : 0;
	const groups = [...headParts, ...Array<string>(missing).fill('0'), ...tailParts];
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
