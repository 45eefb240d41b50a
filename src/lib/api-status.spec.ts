import { describe, expect, it } from 'vitest';
import { probeApi } from './api-status';

const config = { supabaseUrl: 'http://x', supabaseAnonKey: 'anon-key-of-twenty-chars' };

describe('probeApi', () => {
	it('is available when the health check answers 200, and sends the anon key', async () => {
		let sent: Headers | undefined;
		const fetcher = (_url: RequestInfo | URL, init?: RequestInit) => {
			sent = new Headers(init?.headers);
			return Promise.resolve(new Response('{}', { status: 200 }));
		};
		expect(await probeApi(config, fetcher)).toBe('available');
		expect(sent?.get('apikey')).toBe(config.supabaseAnonKey);
	});

	it('is unavailable on 401, 501 or a network error', async () => {
		expect(await probeApi(config, () => Promise.resolve(new Response('{}', { status: 401 })))).toBe('unavailable');
		expect(await probeApi(config, () => Promise.resolve(new Response('{}', { status: 501 })))).toBe('unavailable');
		expect(await probeApi(config, () => Promise.reject(new TypeError('failed')))).toBe('unavailable');
	});
});
