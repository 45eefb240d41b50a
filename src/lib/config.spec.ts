import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from './config';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig';

function fakeFetch(status: number, body: string): typeof fetch {
	return () => Promise.resolve(new Response(body, { status }));
}

describe('runtime config', () => {
	it('accepts a URL and an anon key', () => {
		expect(parseRuntimeConfig({ supabaseUrl: 'http://localhost:8080', supabaseAnonKey: KEY })).toEqual({
			supabaseUrl: 'http://localhost:8080',
			supabaseAnonKey: KEY
		});
	});

	it('names every bad field', () => {
		expect(() => parseRuntimeConfig({ supabaseUrl: 'not a url' })).toThrow(
			/config\.json is not valid: supabaseUrl: .*; supabaseAnonKey: /
		);
	});

	it('explains an HTTP error and a non-JSON answer', async () => {
		await expect(loadRuntimeConfig(fakeFetch(404, 'nope'))).rejects.toThrow('config.json answered HTTP 404');
		await expect(loadRuntimeConfig(fakeFetch(200, '<html>'))).rejects.toThrow(ConfigError);
	});

	it('loads a valid config', async () => {
		const body = JSON.stringify({ supabaseUrl: 'https://x.supabase.co', supabaseAnonKey: KEY });
		await expect(loadRuntimeConfig(fakeFetch(200, body))).resolves.toMatchObject({
			supabaseUrl: 'https://x.supabase.co'
		});
	});
});
