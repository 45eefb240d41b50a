// Random durations and arrival times for the call-center model.
import type { Rng } from './prng.ts';

/** Exponential with the given mean (memoryless waits: inter-arrival times, caller patience). */
export function exponential(rng: Rng, mean: number): number {
	return -mean * Math.log(1 - rng.next());
}

/**
 * Lognormal given its median and the sd of its logarithm: the usual shape of
 * talk times (most calls short, a long right tail). Mean = median·e^(σ²/2).
 */
export function lognormal(rng: Rng, median: number, sigma: number): number {
	return median * Math.exp(sigma * rng.gaussian());
}

export function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/**
 * Next arrival of a Poisson process with a time-varying rate, by thinning
 * (Lewis–Shedler): candidates come at the constant rate `maxRate`, and each is
 * kept with probability rate(t)/maxRate. Times in ms, rates per second.
 * Returns undefined when no arrival falls before `until`.
 */
export function nextArrival(
	rng: Rng,
	from: number,
	until: number,
	maxRate: number,
	rate: (at: number) => number
): number | undefined {
	if (!(maxRate > 0)) return undefined;
	let at = from;
	for (;;) {
		at += exponential(rng, 1000 / maxRate);
		if (at >= until) return undefined;
		if (rng.next() * maxRate < rate(at)) return Math.round(at);
	}
}
