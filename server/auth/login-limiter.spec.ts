import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.ts';

function limiterAt(start = 1_000_000) {
	const clock = { now: start };
	const limiter = new LoginLimiter({ perEmailAndAddress: 3, perAddress: 5, windowMs: 60_000 }, () => clock.now);
	return { limiter, clock };
}

describe('LoginLimiter', () => {
	it('blocks an e-mail from the address its failures came from, whatever the case of the e-mail', () => {
		const { limiter } = limiterAt();
		for (let i = 0; i < 3; i++) {
			expect(limiter.retryAfterMs('a@x.local', '10.0.0.1')).toBe(0);
			limiter.recordFailure('A@x.local', '10.0.0.1');
		}
		expect(limiter.retryAfterMs('a@x.local', '10.0.0.1')).toBe(60_000);
		expect(limiter.retryAfterMs('b@x.local', '10.0.0.1')).toBe(0);
	});

	it('never blocks the e-mail from another address: a colleague cannot lock its owner out', () => {
		const { limiter } = limiterAt();
		for (let i = 0; i < 5; i++) limiter.recordFailure('victim@x.local', '10.0.0.66');
		expect(limiter.retryAfterMs('victim@x.local', '10.0.0.66')).toBeGreaterThan(0);
		expect(limiter.retryAfterMs('victim@x.local', '10.0.0.7')).toBe(0);
		expect(limiter.retryAfterMs('victim@x.local', '2001:db8::7')).toBe(0);
	});

	it('blocks an address after its own limit across e-mails', () => {
		const { limiter } = limiterAt();
		for (let i = 0; i < 5; i++) limiter.recordFailure(`user${i}@x.local`, '10.0.0.1');
		expect(limiter.retryAfterMs('fresh@x.local', '10.0.0.1')).toBeGreaterThan(0);
		expect(limiter.retryAfterMs('fresh@x.local', '10.0.0.2')).toBe(0);
	});

	it('counts an IPv6 client by its /64, which one client can rotate through', () => {
		const { limiter } = limiterAt();
		for (let i = 1; i <= 3; i++) limiter.recordFailure('a@x.local', `2001:db8:0:1::${i}`);
		expect(limiter.retryAfterMs('a@x.local', '2001:db8:0:1:abcd::9')).toBeGreaterThan(0);
		expect(limiter.retryAfterMs('a@x.local', '2001:db8:0:2::1')).toBe(0);
	});

	it('slides: each failure leaves the window a minute after it happened', () => {
		const { limiter, clock } = limiterAt();
		limiter.recordFailure('a@x.local', 'ip');
		clock.now += 20_000;
		limiter.recordFailure('a@x.local', 'ip');
		clock.now += 20_000;
		limiter.recordFailure('a@x.local', 'ip');
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(20_000);
		clock.now += 19_999;
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(1);
		clock.now += 1;
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(0);
		limiter.recordFailure('a@x.local', 'ip');
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(20_000);
	});

	it('forgets keys once their failures are old', () => {
		const { limiter, clock } = limiterAt();
		for (let i = 0; i < 3; i++) limiter.recordFailure('a@x.local', 'ip');
		clock.now += 61_000;
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(0);
		limiter.recordFailure('a@x.local', 'ip');
		expect(limiter.retryAfterMs('a@x.local', 'ip')).toBe(0);
	});
});
