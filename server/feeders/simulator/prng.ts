// Seeded pseudo-random numbers: sfc32 (small fast counter, 128-bit state)
// seeded from any string through FNV-1a and splitmix32. Math.random cannot
// be seeded, and the simulator must replay the same day for the same seed.

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	between(min: number, max: number): number;
	/** Uniform integer in [min, max] (both included). */
	int(min: number, max: number): number;
	/** true with probability p. */
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Standard normal variate (mean 0, sd 1). */
	gaussian(): number;
	/** An independent stream named by label: draws from it never shift this one. */
	fork(label: string): Rng;
}

/** FNV-1a over UTF-16 code units: turns a seed string into 32 bits. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** splitmix32: spreads one 32-bit seed over the four words sfc32 needs. */
function splitmix32(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x9e3779b9) | 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
		z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
		return (z ^ (z >>> 15)) >>> 0;
	};
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
	return () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

export function createRng(seed: string | number): Rng {
	const label = String(seed);
	const mix = splitmix32(fnv1a(label));
	const next = sfc32(mix(), mix(), mix(), mix());
	// The first outputs of a freshly seeded sfc32 still echo the seed words.
	for (let i = 0; i < 12; i++) next();

	const rng: Rng = {
		next,
		between: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor((max - min + 1) * next()),
		chance: (p) => next() < p,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new RangeError('pick from an empty list');
			return items[Math.floor(next() * items.length)] as T;
		},
		gaussian() {
			// Box–Muller; 1 − u keeps log() away from 0.
			const u = 1 - next();
			const v = next();
			return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		fork: (sub) => createRng(`${label}/${sub}`)
	};
	return rng;
}
