import { describe, expect, it } from 'vitest';
import { classifySignInError } from './auth';

describe('classifySignInError', () => {
	it('tells wrong credentials, rate limits and an unreachable server apart', () => {
		expect(classifySignInError({ code: 'invalid_credentials', status: 400, message: 'x' })).toBe('invalid_credentials');
		expect(classifySignInError({ code: 'over_request_rate_limit', status: 429, message: 'x' })).toBe('rate_limited');
		expect(classifySignInError({ status: 429, message: 'x' })).toBe('rate_limited');
		expect(classifySignInError({ status: 0, message: 'Failed to fetch' })).toBe('unreachable');
		expect(classifySignInError({ code: 'user_banned', status: 403, message: 'x' })).toBe('other');
	});
});
