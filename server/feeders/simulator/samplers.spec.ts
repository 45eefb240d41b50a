import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { exponential, lognormal, nextArrival } from './samplers.ts';

const median = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

describe('samplers', () => {
	it('exponential has the requested mean, and P(X < mean/30) ≈ 1 − e^(−1/30)', () => {
		const rng = createRng('exp');
		const xs = Array.from({ length: 50_000 }, () => exponential(rng, 120));
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(Math.abs(mean - 120) / 120).toBeLessThan(0.02);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
		// Short abandons come from this left tail: a patience under 4 s out of a 120 s mean.
		const short = xs.filter((x) => x < 4).length / xs.length;
		expect(short).toBeGreaterThan(0.025);
		expect(short).toBeLessThan(0.04);
	});

	it('lognormal has the requested median and a long right tail', () => {
		const rng = createRng('logn');
		const xs = Array.from({ length: 50_000 }, () => lognormal(rng, 210, 0.55));
		expect(Math.abs(median(xs) - 210) / 210).toBeLessThan(0.02);
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		// Mean = median · e^(σ²/2) ≈ 1.163 × 210.
		expect(Math.abs(mean - 210 * Math.exp(0.55 ** 2 / 2)) / mean).toBeLessThan(0.02);
	});

	it('thinning gives Poisson counts at a constant rate', () => {
		const rng = createRng('poisson');
		const ratePerS = 100 / 3600;
		let count = 0;
		const hours = 200;
		for (let at = nextArrival(rng, 0, hours * 3_600_000, ratePerS, () => ratePerS); at !== undefined; count++) {
			at = nextArrival(rng, at, hours * 3_600_000, ratePerS, () => ratePerS);
		}
		expect(Math.abs(count - 100 * hours)).toBeLessThan(4 * Math.sqrt(100 * hours));
	});

	it('thinning follows a time-varying rate, and stops where the rate is zero', () => {
		const rng = createRng('varying');
		const max = 0.1;
		// First hour at the full rate, second at a quarter, third closed.
		const rate = (at: number) => (at < 3_600_000 ? max : at < 7_200_000 ? max / 4 : 0);
		const buckets = [0, 0, 0];
		for (let run = 0; run < 20; run++) {
			for (let at = nextArrival(rng, 0, 10_800_000, max, rate); at !== undefined;) {
				const hour = Math.floor(at / 3_600_000);
				buckets[hour] = (buckets[hour] ?? 0) + 1;
				at = nextArrival(rng, at, 10_800_000, max, rate);
			}
		}
		const [first = 0, second = 0, third = 0] = buckets;
		expect(Math.abs(first - 20 * 360)).toBeLessThan(4 * Math.sqrt(20 * 360));
		expect(Math.abs(second - 20 * 90)).toBeLessThan(4 * Math.sqrt(20 * 90));
		expect(third).toBe(0);
		expect(nextArrival(rng, 0, 1000, 0, () => 0)).toBeUndefined();
	});
});
