import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-buckets.ts';

function bucketsAt(start = 1_000_000) {
	const clock = { now: start };
	return { buckets: new TokenBuckets({ burst: 5, perSecond: 2 }, () => clock.now), clock };
}

describe('TokenBuckets', () => {
	it('allows a burst, then earns tokens back at the rate, never above the burst', () => {
		const { buckets, clock } = bucketsAt();
		expect(buckets.available('a')).toBe(5);
		buckets.spend('a', 5);
		expect(buckets.available('a')).toBe(0);
		expect(buckets.available('b')).toBe(5);
		clock.now += 500;
		expect(buckets.available('a')).toBe(1);
		clock.now += 60_000;
		expect(buckets.available('a')).toBe(5);
	});

	it('goes into debt for a cost known afterwards, and says how long until it is paid', () => {
		const { buckets, clock } = bucketsAt();
		buckets.spend('a', 1);
		buckets.spend('a', 9);
		expect(buckets.available('a')).toBe(-5);
		expect(buckets.secondsUntil('a')).toBe(3);
		clock.now += 3_000;
		expect(buckets.available('a')).toBe(1);
		expect(buckets.secondsUntil('a')).toBe(0);
	});

	it('gives back a refund, never above the burst', () => {
		const { buckets } = bucketsAt();
		buckets.spend('a', 4);
		buckets.refund('a', 3);
		expect(buckets.available('a')).toBe(4);
		buckets.refund('a', 3);
		expect(buckets.available('a')).toBe(5);
	});

	it('forgets full buckets once many keys are tracked', () => {
		const { buckets, clock } = bucketsAt();
		for (let i = 0; i < 10_001; i++) buckets.spend(`k${i}`, 1);
		clock.now += 1_000;
		buckets.spend('fresh', 5);
		expect(buckets.size).toBe(1);
		expect(buckets.available('fresh')).toBe(0);
	});
});
