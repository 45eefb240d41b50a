// The live state of one site for its wallboards: a resource with an owner.
// start() joins the private topic `wall:<site_id>`, takes a snapshot of the
// live tables after EVERY join (broadcasts that arrive meanwhile are held
// and replayed by version), applies broadcasts by version, tracks whether
// the numbers are live, reconnecting or stale, measures the server clock at
// each join, resyncs when the tab becomes visible or the network returns,
// and notices a lost session. It returns the teardown that removes the
// channel and clears every timer and listener (a TV runs for weeks).
// Failures go the app's one error path (a toast in the board's header).
import type { RealtimeChannel } from '@supabase/supabase-js';
import { fetchLiveSnapshot, fetchServerTime, fetchWallDirectory, type WallDirectory } from '$lib/data/wall';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { settingsOrDefaults, type BoardSettings } from './board-settings';
import { connectionState, type ChannelPhase, type Connection } from './connection-state';
import {
	applyChange,
	keepIntervalsWithin,
	emptyLiveRows,
	mergeSnapshot,
	parseChange,
	startsWithin,
	type AgentLiveRow,
	type LiveChange,
	type LiveRows,
	type QueueIntervalRow,
	type QueueLiveRow
} from './live-rows';
import { clockOffset } from './server-clock';
import { siteDay, toIso, type SiteSpan } from './site-time';

/** Waits before retrying a failed snapshot while joined; the last repeats. */
const SNAPSHOT_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** Waits before joining again after the server closed the channel. */
const REJOIN_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface PresenceMeta {
	[key: string]: string | number | boolean | null;
}

export interface SiteLiveOptions {
	client: AppSupabaseClient;
	siteId: string;
	timeZone: string;
	/** Presence key for this screen; when given, the channel tracks `presence` metadata. */
	presenceKey?: string;
}

export class SiteLive {
	readonly siteId: string;
	readonly timeZone: string;
	readonly #client: AppSupabaseClient;
	readonly #presenceKey: string | undefined;

	#rows = $state.raw<LiveRows>(emptyLiveRows());
	#directory = $state.raw<WallDirectory | null>(null);
	#phase = $state<ChannelPhase>('joining');
	#synced = $state(false);
	#lastAliveAt = $state<number | null>(null);
	#offsetMs = $state(0);
	#localNow = $state(Date.now());
	#signedIn = $state<boolean | null>(null);

	// Not reactive: bookkeeping of the running resource.
	#channel: RealtimeChannel | null = null;
	#buffer: LiveChange[] | null = null;
	#generation = 0;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#retries = 0;
	#rejoinTimer: ReturnType<typeof setTimeout> | undefined;
	#rejoins = 0;
	#presence: PresenceMeta | null = null;
	#running = false;

	constructor(options: SiteLiveOptions) {
		this.#client = options.client;
		this.siteId = options.siteId;
		this.timeZone = options.timeZone;
		this.#presenceKey = options.presenceKey;
		// Here rather than as field initializers: they read siteId and timeZone.
		this.today = $derived(siteDay(this.now, this.timeZone));
		this.settings = $derived(settingsOrDefaults(this.#rows.board_settings.rows.get(this.siteId)?.settings));
	}

	/** Server-corrected time in ms; ticks once a second while started. */
	readonly now = $derived(this.#localNow + this.#offsetMs);
	readonly connection: Connection = $derived(
		connectionState({
			phase: this.#phase,
			synced: this.#synced,
			lastAliveAt: this.#lastAliveAt,
			now: this.#localNow
		})
	);
	/** Server time of the last sign of life (for "stale since hh:mm:ss"). */
	readonly lastAliveAt = $derived(this.#lastAliveAt === null ? null : this.#lastAliveAt + this.#offsetMs);
	/**
	 * The moment the numbers describe, for values that tick (longest wait,
	 * time in state): now, except while stale, when they stop at the last sign
	 * of life instead of counting on from numbers nobody confirms any more.
	 */
	readonly asOf = $derived(this.connection.kind === 'stale' && this.lastAliveAt !== null ? this.lastAliveAt : this.now);
	readonly signedIn = $derived(this.#signedIn);
	readonly directory = $derived(this.#directory);
	readonly queueLive: ReadonlyMap<string, QueueLiveRow> = $derived(this.#rows.queue_live.rows);
	readonly agentLive: ReadonlyMap<string, AgentLiveRow> = $derived(this.#rows.agent_live.rows);
	/** The site's day now (site-time.ts is the one definition of it). */
	readonly today: SiteSpan;
	/** Today's 15-minute intervals of every queue. */
	readonly intervals: readonly QueueIntervalRow[] = $derived(
		[...this.#rows.queue_intervals.rows.values()].filter((r) => startsWithin(r, this.today.start, this.today.end))
	);
	readonly settings: BoardSettings;

	start(): () => void {
		if (this.#running) throw new Error('SiteLive is already started');
		this.#running = true;
		const client = this.#client;
		const cleanups: (() => void)[] = [];

		const { data: auth } = client.auth.onAuthStateChange((_event, session) => {
			this.#signedIn = session !== null;
		});
		cleanups.push(() => auth.subscription.unsubscribe());

		client.realtime.onHeartbeat((status) => {
			if (status === 'ok' && this.#phase === 'joined') this.#lastAliveAt = Date.now();
		});
		cleanups.push(() => client.realtime.onHeartbeat(() => {}));

		const tick = setInterval(() => {
			this.#localNow = Date.now();
			// After midnight, yesterday's intervals go (the derived list already hides them).
			const pruned = keepIntervalsWithin(this.#rows, this.today.start, this.today.end);
			if (pruned !== this.#rows) this.#rows = pruned;
		}, 1_000);
		cleanups.push(() => clearInterval(tick));

		const wake = () => {
			if (document.visibilityState === 'visible' && this.#phase === 'joined') this.#resync();
		};
		document.addEventListener('visibilitychange', wake);
		window.addEventListener('online', wake);
		cleanups.push(() => {
			document.removeEventListener('visibilitychange', wake);
			window.removeEventListener('online', wake);
		});

		this.#join();

		return () => {
			this.#running = false;
			this.#generation++;
			clearTimeout(this.#retryTimer);
			clearTimeout(this.#rejoinTimer);
			for (const cleanup of cleanups) cleanup();
			const channel = this.#channel;
			this.#channel = null;
			this.#buffer = null;
			if (channel) void client.removeChannel(channel);
		};
	}

	/** Joins the wall topic with a new channel (the first time, and after the server closed the last one). */
	#join(): void {
		const client = this.#client;
		const channel = client.channel(`wall:${this.siteId}`, {
			config: {
				private: true,
				...(this.#presenceKey ? { presence: { key: this.#presenceKey, enabled: true } } : {})
			}
		});
		this.#channel = channel;
		this.#phase = 'joining';
		channel.on('broadcast', { event: '*' }, (message: { payload?: unknown }) => this.#receive(message.payload));
		// The private join needs the user's token on the socket first.
		client.realtime.setAuth().then(
			() => {
				if (this.#channel === channel) channel.subscribe((status) => this.#onStatus(channel, status));
			},
			(err: unknown) => handleError(err, m.wall_join_failed())
		);
	}

	/** Publishes this screen's presence (board, version, last render); repeated after every rejoin. */
	track(meta: PresenceMeta): void {
		this.#presence = meta;
		if (this.#channel && this.#phase === 'joined' && this.#presenceKey) void this.#channel.track(meta);
	}

	#onStatus(channel: RealtimeChannel, status: `${'SUBSCRIBED' | 'TIMED_OUT' | 'CLOSED' | 'CHANNEL_ERROR'}`): void {
		if (this.#channel !== channel) return;
		if (status === 'SUBSCRIBED') {
			this.#phase = 'joined';
			this.#synced = false;
			this.#rejoins = 0;
			this.#resync();
			if (this.#presence && this.#presenceKey) void channel.track(this.#presence);
			return;
		}
		this.#phase = status === 'CLOSED' ? 'closed' : 'errored';
		this.#synced = false;
		this.#generation++;
		this.#buffer = null;
		clearTimeout(this.#retryTimer);
		// The client rejoins an errored channel by itself, but not one the server
		// closed (e.g. a rate limit or an expired token): join with a new one.
		if (status === 'CLOSED' && this.#running) {
			this.#channel = null;
			void this.#client.removeChannel(channel);
			const wait = REJOIN_MS[Math.min(this.#rejoins++, REJOIN_MS.length - 1)];
			this.#rejoinTimer = setTimeout(() => {
				if (this.#running && this.#channel === null) this.#join();
			}, wait);
		}
	}

	#receive(payload: unknown): void {
		const change = parseChange(payload);
		if (!change || change.record.site_id !== this.siteId) return;
		// Only today's intervals are held: a board open for weeks must not collect days.
		if (change.table === 'queue_intervals' && !startsWithin(change.record, this.today.start, this.today.end)) return;
		if (this.#phase === 'joined') this.#lastAliveAt = Date.now();
		if (this.#buffer) this.#buffer.push(change);
		else this.#rows = applyChange(this.#rows, change);
	}

	/**
	 * Takes a fresh snapshot. Broadcasts arriving meanwhile are held and
	 * replayed on top by version; anything held from an earlier attempt is
	 * older than this snapshot and is dropped with it.
	 */
	#resync(): void {
		const generation = ++this.#generation;
		clearTimeout(this.#retryTimer);
		this.#buffer = [];
		const client = this.#client;
		const day = siteDay(Date.now() + this.#offsetMs, this.timeZone);
		const sentAt = Date.now();
		const clock = fetchServerTime(client).then((serverTime) => clockOffset(sentAt, serverTime, Date.now()));
		Promise.all([
			fetchLiveSnapshot(client, this.siteId, toIso(day.start), toIso(day.end)),
			fetchWallDirectory(client, this.siteId),
			clock
		]).then(
			([snapshot, directory, offset]) => {
				if (generation !== this.#generation) return;
				this.#rows = mergeSnapshot(snapshot, this.#buffer ?? []);
				this.#buffer = null;
				this.#directory = directory;
				this.#offsetMs = offset;
				this.#localNow = Date.now();
				this.#lastAliveAt = Date.now();
				this.#synced = true;
				this.#retries = 0;
			},
			(err: unknown) => {
				if (generation !== this.#generation) return;
				handleError(err, m.wall_refresh_failed());
				const wait = SNAPSHOT_RETRY_MS[Math.min(this.#retries++, SNAPSHOT_RETRY_MS.length - 1)];
				this.#retryTimer = setTimeout(() => {
					if (generation === this.#generation && this.#phase === 'joined') this.#resync();
				}, wait);
			}
		);
	}
}
