import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

const draw = (seed: string | number, n: number) => {
	const rng = createRng(seed);
	return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
	it('replays the same sequence for the same seed, and another for another seed', () => {
		expect(draw(42, 100)).toEqual(draw(42, 100));
		expect(draw('42', 100)).toEqual(draw(42, 100));
		expect(draw(43, 100)).not.toEqual(draw(42, 100));
		// Neighbouring seeds must not give shifted copies of one stream.
		const a = new Set(draw(1, 1000));
		expect(draw(2, 1000).filter((x) => a.has(x))).toEqual([]);
	});

	it('draws uniformly from [0, 1)', () => {
		const xs = draw('uniform', 100_000);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...xs)).toBeLessThan(1);
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(mean).toBeCloseTo(0.5, 2);
		const deciles = new Array<number>(10).fill(0);
		for (const x of xs) deciles[Math.floor(x * 10)] = (deciles[Math.floor(x * 10)] ?? 0) + 1;
		for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(400);
	});

	it('gives integers in range, with both ends reachable', () => {
		const rng = createRng(7);
		const seen = new Set<number>();
		for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
		expect([...seen].sort()).toEqual([3, 4, 5, 6]);
	});

	it('has standard normal variates', () => {
		const rng = createRng('normal');
		const xs = Array.from({ length: 50_000 }, () => rng.gaussian());
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
		expect(Math.abs(mean)).toBeLessThan(0.02);
		expect(sd).toBeCloseTo(1, 1);
	});

	it('forks streams that do not disturb the parent', () => {
		const plain = createRng(5);
		const forked = createRng(5);
		forked.fork('x').next();
		expect(forked.next()).toBe(plain.next());
		expect(createRng(5).fork('a').next()).not.toBe(createRng(5).fork('b').next());
		expect(createRng(5).fork('a').next()).toBe(createRng(5).fork('a').next());
	});

	it('refuses to pick from nothing', () => {
		expect(() => createRng(1).pick([])).toThrow(RangeError);
		expect(createRng(1).pick(['only'])).toBe('only');
	});
});
