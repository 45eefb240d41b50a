// What every realtime connection shares: the server context, the registry
// of joined channels, and the limits (Supabase's defaults unless a test
// narrows them; the per-address ones are ours, see address-limits.ts).
import type { ServerContext } from '../context.ts';
import type { AddressLimitOptions } from './address-limits.ts';
import type { ChannelRegistry } from './channels.ts';

export interface RealtimeOptions extends AddressLimitOptions {
	/** A socket that sends nothing for this long is closed (Phoenix's websocket timeout). */
	idleTimeoutMs: number;
	/** Realtime's max_channels_per_client. */
	maxChannelsPerSocket: number;
	/** Joins per second per socket; the next one is refused and the socket disconnected. */
	maxJoinsPerSecond: number;
	/** Frames per second per socket before it is closed as a flood. */
	maxFramesPerSecond: number;
	/** Frames waiting to be handled per socket (joins wait for the database) before it is closed. */
	maxPendingFrames: number;
	/** Largest frame accepted, as Realtime's max_frame_size. */
	maxFrameBytes: number;
	/** Client presence track/untrack calls allowed per window (Realtime: 5 per 30 s). */
	presenceCallsPerWindow: number;
	presenceWindowMs: number;
	/** Outgoing bytes a socket may have queued before it is dropped as a slow consumer. */
	maxBufferedBytes: number;
	/** realtime.messages rows older than this are deleted (the shim table is not partitioned). */
	messageRetentionMs: number;
	pruneIntervalMs: number;
}

export const DEFAULT_OPTIONS: RealtimeOptions = {
	idleTimeoutMs: 60_000,
	maxChannelsPerSocket: 100,
	maxJoinsPerSecond: 100,
	maxFramesPerSecond: 1_000,
	maxPendingFrames: 1_000,
	maxFrameBytes: 5_000_000,
	presenceCallsPerWindow: 5,
	presenceWindowMs: 30_000,
	maxBufferedBytes: 16 * 1024 * 1024,
	messageRetentionMs: 60 * 60 * 1000,
	pruneIntervalMs: 5 * 60 * 1000,
	// Per client address. Supabase Realtime limits a whole project to 200
	// concurrent users and 100 joins/s (averaged over a minute); here one
	// address may be a whole floor behind NAT (40+ agents, the TVs, the
	// supervisors, often with several tabs), all reconnecting at once after
	// a restart, so the bursts cover that and the steady rates stay under
	// Supabase's project rate. Sockets cost no database work, joins do: the
	// socket budgets are wide (every client of the floor at once), the join
	// budgets are where a flood is cut.
	maxSocketsPerAddress: 500,
	socketsPerAddress: { burst: 500, perSecond: 50 },
	joinsPerAddress: { burst: 1_000, perSecond: 50 },
	// Every TV of a floor may run on one display account, all rejoining at
	// once (the server benchmark holds 300 such clients); refused joins cost
	// ten, so an anon-key flood reaches the policies 50 times, then once a second.
	joinsPerIdentity: { burst: 500, perSecond: 10 },
	failedJoinCost: 10
};

export interface Hub {
	ctx: ServerContext;
	registry: ChannelRegistry;
	options: RealtimeOptions;
}

/** Counts events in a fixed window; `hit()` is false once the window's budget is spent. */
export class RateWindow {
	#count = 0;
	#resetAt = 0;
	readonly #limit: number;
	readonly #windowMs: number;

	constructor(limit: number, windowMs: number) {
		this.#limit = limit;
		this.#windowMs = windowMs;
	}

	hit(now = Date.now()): boolean {
		if (now >= this.#resetAt) {
			this.#count = 0;
			this.#resetAt = now + this.#windowMs;
		}
		this.#count++;
		return this.#count <= this.#limit;
	}
}

export function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}
