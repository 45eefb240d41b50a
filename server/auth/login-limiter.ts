// Failed password attempts, counted per email and per client IP over a
// sliding window, in memory (the single box is one process). Successful
// sign-ins do not count, so a whole floor logging in at 9:00 is never slowed.
//
// The IP limit is looser than the email limit: a reverse proxy in front of
// the box makes every browser share one address, and one user mistyping must
// not lock out the room. The email limit is what stops password guessing.

export interface LoginLimits {
	perEmail: number;
	perIp: number;
	windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 10, perIp: 30, windowMs: 60_000 };

/** Above this many tracked keys, the oldest are forgotten (a spray of random emails must not grow memory). */
const MAX_KEYS = 50_000;

/** No address is longer than 255 characters; a longer one must not make a bigger key. */
const emailKey = (email: string) => `email:${email.slice(0, 256).toLowerCase()}`;

export class LoginLimiter {
	/** Failure times per key, oldest first; insertion order of the map is first-failure order. */
	#failures = new Map<string, number[]>();
	#lastSweep = 0;
	readonly limits: LoginLimits;

	constructor(
		limits: Partial<LoginLimits> = {},
		private readonly now: () => number = Date.now
	) {
		this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
	}

	/** Milliseconds until an attempt for this email from this IP may be made; 0 when it may be made now. */
	retryAfterMs(email: string, ip: string): number {
		this.#sweep();
		return Math.max(this.#wait(emailKey(email), this.limits.perEmail), this.#wait(`ip:${ip}`, this.limits.perIp));
	}

	recordFailure(email: string, ip: string): void {
		const now = this.now();
		for (const key of [emailKey(email), `ip:${ip}`]) {
			const times = this.#failures.get(key);
			if (times) times.push(now);
			else this.#failures.set(key, [now]);
		}
		while (this.#failures.size > MAX_KEYS) {
			const oldest = this.#failures.keys().next().value;
			if (oldest === undefined) break;
			this.#failures.delete(oldest);
		}
	}

	#wait(key: string, limit: number): number {
		const times = this.#failures.get(key);
		if (!times) return 0;
		const since = this.now() - this.limits.windowMs;
		while (times.length > 0 && (times[0] ?? 0) <= since) times.shift();
		if (times.length === 0) {
			this.#failures.delete(key);
			return 0;
		}
		if (times.length < limit) return 0;
		// The attempt that frees a slot is the one `limit` places from the end.
		const freeing = times[times.length - limit] ?? times[0] ?? 0;
		return Math.max(1, freeing + this.limits.windowMs - this.now());
	}

	/** Drops keys whose failures all left the window, at most once per window. */
	#sweep(): void {
		const now = this.now();
		if (now - this.#lastSweep < this.limits.windowMs) return;
		this.#lastSweep = now;
		const since = now - this.limits.windowMs;
		for (const [key, times] of this.#failures) {
			if ((times[times.length - 1] ?? 0) <= since) this.#failures.delete(key);
		}
	}
}
