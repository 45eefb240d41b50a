import { describe, expect, it } from 'vitest';
import { listenUrl, parsePublicUrl, websocketOrigin } from './public-url.ts';

describe('parsePublicUrl', () => {
	it('keeps an http(s) origin, without a trailing slash', () => {
		expect(parsePublicUrl('https://callboard.example.com/')).toBe('https://callboard.example.com');
		expect(parsePublicUrl('http://192.168.1.5:8080')).toBe('http://192.168.1.5:8080');
		expect(parsePublicUrl('HTTPS://CallBoard.Example.com:443')).toBe('https://callboard.example.com');
	});

	it('refuses what supabase-js could not use as a base, saying why', () => {
		expect(() => parsePublicUrl('callboard.local')).toThrow('must be an absolute URL');
		expect(() => parsePublicUrl('ftp://x.example')).toThrow('must start with http:// or https://');
		expect(() => parsePublicUrl('https://user:pw@x.example')).toThrow('user name or password');
		expect(() => parsePublicUrl('https://x.example/callboard')).toThrow('without a path, query or fragment');
		expect(() => parsePublicUrl('https://x.example/?a=1')).toThrow('without a path, query or fragment');
	});
});

describe('listenUrl', () => {
	it('names a wildcard listen address localhost and brackets IPv6', () => {
		expect(listenUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
		expect(listenUrl('::', 8080)).toBe('http://localhost:8080');
		expect(listenUrl('127.0.0.1', 4173)).toBe('http://127.0.0.1:4173');
		expect(listenUrl('::1', 4173)).toBe('http://[::1]:4173');
		expect(listenUrl('wallbox.lan', 80)).toBe('http://wallbox.lan:80');
	});
});

describe('websocketOrigin', () => {
	it('maps http to ws and https to wss', () => {
		expect(websocketOrigin('http://10.0.0.1:8080')).toBe('ws://10.0.0.1:8080');
		expect(websocketOrigin('https://callboard.example.com')).toBe('wss://callboard.example.com');
	});
});
