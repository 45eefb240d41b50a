import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, limitKey, normalizeAddress, parseTrustedProxies } from './client-address.ts';

/** A request as node:http hands it over, from a socket that reports `remoteAddress`. */
function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
	const socket = new Socket();
	Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
	const req = new IncomingMessage(socket);
	if (forwardedFor !== undefined) req.headers['x-forwarded-for'] = forwardedFor;
	return req;
}

describe('clientAddressResolver', () => {
	it('uses the socket address and ignores X-Forwarded-For from anyone not trusted', () => {
		const resolve = clientAddressResolver();
		expect(resolve(request('10.0.0.9'))).toBe('10.0.0.9');
		expect(resolve(request('10.0.0.9', '203.0.113.7'))).toBe('10.0.0.9');
		expect(resolve(request('::ffff:10.0.0.9'))).toBe('10.0.0.9');
	});

	it('believes a trusted proxy, taking the nearest hop it does not trust', () => {
		const resolve = clientAddressResolver(['127.0.0.1', '10.0.0.2']);
		expect(resolve(request('127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
		// A client may prepend anything; only the hops the proxies appended count.
		expect(resolve(request('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.0.0.2'))).toBe('203.0.113.7');
		expect(resolve(request('::ffff:127.0.0.1', '[2001:db8::5]:5123'))).toBe('2001:db8::5');
		expect(resolve(request('127.0.0.1', '203.0.113.7:4711'))).toBe('203.0.113.7');
	});

	it('falls back to the proxy itself when the header is missing or unreadable', () => {
		const resolve = clientAddressResolver(['127.0.0.1']);
		expect(resolve(request('127.0.0.1'))).toBe('127.0.0.1');
		expect(resolve(request('127.0.0.1', 'unknown'))).toBe('127.0.0.1');
		expect(resolve(request('127.0.0.1', '127.0.0.1'))).toBe('127.0.0.1');
	});
});

describe('parseTrustedProxies', () => {
	it('reads a comma-separated list of addresses and names a bad entry', () => {
		expect(parseTrustedProxies('')).toEqual([]);
		expect(parseTrustedProxies('127.0.0.1, ::1,::ffff:10.0.0.2')).toEqual(['127.0.0.1', '::1', '10.0.0.2']);
		expect(() => parseTrustedProxies('127.0.0.1, proxy.lan')).toThrow('"proxy.lan" is not an IP address');
	});
});

describe('limitKey', () => {
	it('keeps IPv4 addresses and groups IPv6 by /64', () => {
		expect(limitKey('10.0.0.9')).toBe('10.0.0.9');
		expect(limitKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
		expect(limitKey('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
		expect(limitKey('::1')).toBe('0:0:0:0::/64');
		expect(limitKey(normalizeAddress('::FFFF:10.1.2.3'))).toBe('10.1.2.3');
	});
});
