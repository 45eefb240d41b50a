// Failed password attempts, counted over a sliding window, in memory (the
// single box is one process), under two keys:
//   e-mail + client address — stops guessing one account's password, and
//     only from where the guessing happens: whoever knows a colleague's
//     e-mail can lock that e-mail out of their own address, never out of the
//     colleague's (a per-e-mail limit alone let anyone lock anyone out);
//   client address — stops one address trying many accounts (spraying).
// Successful sign-ins do not count, so a whole floor behind one NAT address
// logging in at 9:00 is never slowed; the address limit is looser than the
// per-account one because that floor's typos all land on one address.
import { limitKey } from '../http/client-address.ts';

export interface LoginLimits {
	/** Failures per window for one e-mail from one client address. */
	perEmailAndAddress: number;
	/** Failures per window from one client address, whatever the e-mails. */
	perAddress: number;
	windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmailAndAddress: 10, perAddress: 30, windowMs: 60_000 };

/** Above this many tracked keys, the oldest are forgotten (a spray of random emails must not grow memory). */
const MAX_KEYS = 50_000;

/** No e-mail address is longer than 255 characters; a longer one must not make a bigger key. */
const emailPart = (email: string) => email.slice(0, 256).toLowerCase();
const pairKey = (email: string, address: string) => `pair:${limitKey(address)} ${emailPart(email)}`;
const addressKey = (address: string) => `address:${limitKey(address)}`;

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

	/** Milliseconds until an attempt for this e-mail from this address may be made; 0 when it may be made now. */
	retryAfterMs(email: string, address: string): number {
		this.#sweep();
		return Math.max(
			this.#wait(pairKey(email, address), this.limits.perEmailAndAddress),
			this.#wait(addressKey(address), this.limits.perAddress)
		);
	}

	recordFailure(email: string, address: string): void {
		const now = this.now();
		for (const key of [pairKey(email, address), addressKey(address)]) {
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
