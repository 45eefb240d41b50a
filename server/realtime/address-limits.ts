// Realtime limits per client address (an IPv4 address, or an IPv6 /64):
// open sockets, new sockets, and channel joins. A private join is a database
// transaction, so joins are what a flood costs; ten anon-key sockets once
// sent 9,432 of them in 10 s and slowed every TV's REST calls.
//
// A whole call-center floor may sit behind one NAT address, so the address
// budgets are sized for everyone there reconnecting at once. Inside an
// address, joins are also counted per identity — the user a join's token
// names, or the API key's role — so one login (or the anon key) cannot spend
// the address's budget for the rest of the floor. A refused join (bad token,
// or the policies say no) is the abuse, and costs `failedJoinCost` times a
// granted one: an anon-key flood is down to a join a second within a
// second, while a display on the same address joins as usual.
//
// A join must have a refusal's cost in hand to be admitted. A caller with no
// user (the anon key, a bad token) also pays that cost up front, given back
// when the join is granted, so its joins in flight at once can never
// overspend. A signed-in user pays one join up front and a refusal's rest
// after the fact (into debt): every TV of a floor on one display account
// rejoins at once after a restart, all in flight together before the first
// is granted, and reserving ten for each would refuse half of them.
// Such a user is named by their token, and one burst of refusals leaves them
// owing for minutes.
import type { JwtClaims } from '../auth/jwt.ts';
import { limitKey } from '../http/client-address.ts';
import { TokenBuckets, type BucketSpec } from '../http/token-buckets.ts';

export interface AddressLimitOptions {
	/** Open sockets per address. */
	maxSocketsPerAddress: number;
	/** New sockets (upgrade attempts) per address. */
	socketsPerAddress: BucketSpec;
	/** Joins per address, every identity together. */
	joinsPerAddress: BucketSpec;
	/** Joins per identity at one address. */
	joinsPerIdentity: BucketSpec;
	/** What a refused join costs in its identity's budget (a granted one costs 1). */
	failedJoinCost: number;
}

/** An upgrade refused with Realtime's 429 and {error}. */
export interface SocketRefusal {
	error: string;
	retryAfterS: number;
}

/** Who a join acts as, for the per-identity budget. */
export function joinIdentity(claims: JwtClaims | undefined): string {
	if (!claims) return 'invalid-token';
	return claims.sub ? `user:${claims.sub}` : `role:${claims.role}`;
}

export class AddressLimits {
	readonly #options: AddressLimitOptions;
	readonly #open = new Map<string, number>();
	readonly #newSockets: TokenBuckets;
	readonly #addressJoins: TokenBuckets;
	readonly #identityJoins: TokenBuckets;

	constructor(options: AddressLimitOptions, now: () => number = Date.now) {
		this.#options = options;
		this.#newSockets = new TokenBuckets(options.socketsPerAddress, now);
		this.#addressJoins = new TokenBuckets(options.joinsPerAddress, now);
		this.#identityJoins = new TokenBuckets(options.joinsPerIdentity, now);
	}

	/** Counts an upgrade attempt; a refusal when the address is over a limit, else undefined. */
	checkSocket(address: string): SocketRefusal | undefined {
		const key = limitKey(address);
		if ((this.#open.get(key) ?? 0) >= this.#options.maxSocketsPerAddress) {
			return { error: 'Too many connected users', retryAfterS: 1 };
		}
		// As Realtime refuses a connect while the tenant is over its join rate.
		if (this.#addressJoins.available(key) < 1) {
			return { error: 'Too many joins per second', retryAfterS: this.#addressJoins.secondsUntil(key) };
		}
		if (this.#newSockets.available(key) < 1) {
			return { error: 'Too many new connections per second', retryAfterS: this.#newSockets.secondsUntil(key) };
		}
		this.#newSockets.spend(key, 1);
		return undefined;
	}

	socketOpened(address: string): void {
		const key = limitKey(address);
		this.#open.set(key, (this.#open.get(key) ?? 0) + 1);
	}

	socketClosed(address: string): void {
		const key = limitKey(address);
		const left = (this.#open.get(key) ?? 0) - 1;
		if (left > 0) this.#open.set(key, left);
		else this.#open.delete(key);
	}

	openSockets(address: string): number {
		return this.#open.get(limitKey(address)) ?? 0;
	}

	/**
	 * Spends a join of the address's budget and of the identity's (a refused
	 * join's cost for a caller with no user); false (nothing spent) when the
	 * identity has not a refusal's cost in hand or the address is spent.
	 */
	admitJoin(address: string, identity: string): boolean {
		const key = limitKey(address);
		const identityKey = `${key} ${identity}`;
		if (this.#identityJoins.available(identityKey) < this.#options.failedJoinCost) return false;
		if (this.#addressJoins.available(key) < 1) return false;
		this.#identityJoins.spend(identityKey, this.#upFront(identity));
		this.#addressJoins.spend(key, 1);
		return true;
	}

	/** An admitted join was granted (or failed for the server's reason, not the caller's): it costs 1. */
	joinGranted(address: string, identity: string): void {
		this.#identityJoins.refund(`${limitKey(address)} ${identity}`, this.#upFront(identity) - 1);
	}

	/** An admitted join was refused: it costs a refusal. */
	joinRefused(address: string, identity: string): void {
		const owed = this.#options.failedJoinCost - this.#upFront(identity);
		if (owed > 0) this.#identityJoins.spend(`${limitKey(address)} ${identity}`, owed);
	}

	#upFront(identity: string): number {
		return identity.startsWith('user:') ? 1 : this.#options.failedJoinCost;
	}
}
