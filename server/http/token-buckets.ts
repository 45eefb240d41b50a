// Token buckets by key, in memory: each key may spend `burst` at once and
// earns `perSecond` back, up to `burst`. Spending may go below zero (a debt
// that must be earned back first), which is how a cost known only after the
// fact — a refused join — is charged. Keys whose bucket is full again are
// the same as unknown keys and are forgotten, so memory follows recent use.

export interface BucketSpec {
	/** Tokens a key starts with and may hold at most: the largest burst allowed. */
	burst: number;
	/** Tokens earned back per second. */
	perSecond: number;
}

interface Bucket {
	tokens: number;
	at: number;
}

/** Past this many keys, full buckets are swept out (and, if that is not enough, the oldest). */
const SWEEP_ABOVE = 10_000;
const MAX_KEYS = 100_000;

export class TokenBuckets {
	readonly #spec: BucketSpec;
	readonly #now: () => number;
	#buckets = new Map<string, Bucket>();
	#lastSweep = Number.NEGATIVE_INFINITY;

	constructor(spec: BucketSpec, now: () => number = Date.now) {
		this.#spec = spec;
		this.#now = now;
	}

	/** Tokens the key holds now (negative while in debt). */
	available(key: string): number {
		const bucket = this.#buckets.get(key);
		return bucket ? this.#refilled(bucket, this.#now()) : this.#spec.burst;
	}

	/** Seconds until the key holds `tokens` again (0 when it already does). */
	secondsUntil(key: string, tokens = 1): number {
		const missing = tokens - this.available(key);
		if (missing <= 0) return 0;
		return this.#spec.perSecond > 0 ? Math.ceil(missing / this.#spec.perSecond) : Number.POSITIVE_INFINITY;
	}

	/** Spends `cost` (possibly into debt). */
	spend(key: string, cost: number): void {
		const now = this.#now();
		const bucket = this.#buckets.get(key);
		const tokens = (bucket ? this.#refilled(bucket, now) : this.#spec.burst) - cost;
		if (bucket) {
			bucket.tokens = tokens;
			bucket.at = now;
		} else {
			this.#buckets.set(key, { tokens, at: now });
			if (this.#buckets.size > MAX_KEYS || (this.#buckets.size > SWEEP_ABOVE && now - this.#lastSweep >= 1000)) {
				this.#sweep(now);
			}
		}
	}

	/** Gives back tokens spent on something that turned out cheaper (never above the burst). */
	refund(key: string, amount: number): void {
		const bucket = this.#buckets.get(key);
		if (!bucket) return;
		const now = this.#now();
		bucket.tokens = Math.min(this.#spec.burst, this.#refilled(bucket, now) + amount);
		bucket.at = now;
	}

	get size(): number {
		return this.#buckets.size;
	}

	#refilled(bucket: Bucket, now: number): number {
		const earned = (Math.max(0, now - bucket.at) / 1000) * this.#spec.perSecond;
		return Math.min(this.#spec.burst, bucket.tokens + earned);
	}

	#sweep(now: number): void {
		this.#lastSweep = now;
		for (const [key, bucket] of this.#buckets) {
			if (this.#refilled(bucket, now) >= this.#spec.burst) this.#buckets.delete(key);
		}
		// Still too many: forget the oldest (a spray of addresses must not grow memory without bound).
		for (const key of this.#buckets.keys()) {
			if (this.#buckets.size <= MAX_KEYS) break;
			this.#buckets.delete(key);
		}
	}
}
