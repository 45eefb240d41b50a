import { describe, expect, it } from 'vitest';
import { probeApi } from './api-status';

describe('probeApi', () => {
	it('is available when the health check answers 200', async () => {
		expect(await probeApi('http://x', () => Promise.resolve(new Response('{}', { status: 200 })))).toBe('available');
	});

	it('is unavailable on 501 or a network error', async () => {
		expect(await probeApi('http://x', () => Promise.resolve(new Response('{}', { status: 501 })))).toBe('unavailable');
		expect(await probeApi('http://x', () => Promise.reject(new TypeError('failed')))).toBe('unavailable');
	});
});
