import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from './config';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig';
const PAGE = 'http://192.168.1.5:8080';

function fakeFetch(status: number, body: string): typeof fetch {
	return () => Promise.resolve(new Response(body, { status }));
}

describe('runtime config', () => {
	it('accepts an absolute API URL and an anon key, whatever origin the page has', () => {
		expect(parseRuntimeConfig({ supabaseUrl: 'http://localhost:8080', supabaseAnonKey: KEY }, PAGE)).toEqual({
			supabaseUrl: 'http://localhost:8080',
			supabaseAnonKey: KEY
		});
		expect(parseRuntimeConfig({ supabaseUrl: 'https://x.supabase.co/', supabaseAnonKey: KEY }, PAGE)).toEqual({
			supabaseUrl: 'https://x.supabase.co',
			supabaseAnonKey: KEY
		});
	});

	it('reads "/" as the origin the page was loaded from', () => {
		expect(parseRuntimeConfig({ supabaseUrl: '/', supabaseAnonKey: KEY }, PAGE)).toEqual({
			supabaseUrl: PAGE,
			supabaseAnonKey: KEY
		});
		expect(() => parseRuntimeConfig({ supabaseUrl: '/', supabaseAnonKey: KEY }, undefined)).toThrow(ConfigError);
	});

	it('names every bad field, and refuses other relative or non-http URLs', () => {
		expect(() => parseRuntimeConfig({ supabaseUrl: 'not a url' }, PAGE)).toThrow(
			/config\.json is not valid: supabaseUrl: .*; supabaseAnonKey: /
		);
		for (const supabaseUrl of ['/api', '//evil.example', 'javascript:alert(1)', 'ftp://x.example']) {
			expect(() => parseRuntimeConfig({ supabaseUrl, supabaseAnonKey: KEY }, PAGE)).toThrow(
				/config\.json is not valid: supabaseUrl: /
			);
		}
	});

	it('explains an HTTP error and a non-JSON answer', async () => {
		await expect(loadRuntimeConfig(fakeFetch(404, 'nope'), PAGE)).rejects.toThrow('config.json answered HTTP 404');
		await expect(loadRuntimeConfig(fakeFetch(200, '<html>'), PAGE)).rejects.toThrow(ConfigError);
	});

	it('loads a valid config', async () => {
		const body = JSON.stringify({ supabaseUrl: 'https://x.supabase.co', supabaseAnonKey: KEY });
		await expect(loadRuntimeConfig(fakeFetch(200, body), PAGE)).resolves.toMatchObject({
			supabaseUrl: 'https://x.supabase.co'
		});
		const sameOrigin = JSON.stringify({ supabaseUrl: '/', supabaseAnonKey: KEY });
		await expect(loadRuntimeConfig(fakeFetch(200, sameOrigin), PAGE)).resolves.toMatchObject({ supabaseUrl: PAGE });
	});
});
