// SiteLive against a stand-in supabase client whose channel and queries the
// test drives by hand: snapshot after every join with broadcasts held and
// replayed by version, live → reconnecting → stale, ticking values frozen
// while stale, a failed snapshot told in a toast and retried, a rejoin after
// the server closed the channel, and a teardown that leaves no channel, timer
// or listener behind. (The real client and server are covered end to end in
// tests/e2e/boards/wall-live.spec.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSupabaseClient } from '$lib/supabase';
import { toasts } from '$lib/toasts.svelte';
import type { QueueLiveRow } from './live-rows';
import { SiteLive } from './site-live.svelte';

const SITE = '5a000000-0000-4000-8000-000000000001';
const SALES = '9e000000-0000-4000-8000-000000000001';

function queueRow(version: number, calls_waiting: number): QueueLiveRow {
	return {
		queue_id: SALES,
		site_id: SITE,
		calls_waiting,
		oldest_waiting_since: calls_waiting > 0 ? new Date(Date.now() - 30_000).toISOString() : null,
		agents_available: 1,
		agents_on_call: 0,
		agents_wrap_up: 0,
		agents_not_ready: 0,
		version,
		updated_at: new Date().toISOString()
	};
}

type Status = 'SUBSCRIBED' | 'CHANNEL_ERROR' | 'TIMED_OUT' | 'CLOSED';

class FakeChannel {
	broadcast: ((message: { payload?: unknown }) => void) | null = null;
	status: ((status: Status) => void) | null = null;
	tracked: unknown[] = [];
	constructor(
		readonly topic: string,
		readonly options: unknown
	) {}
	on(_type: string, _filter: unknown, callback: (message: { payload?: unknown }) => void) {
		this.broadcast = callback;
		return this;
	}
	subscribe(callback: (status: Status) => void) {
		this.status = callback;
		return this;
	}
	track(meta: unknown) {
		this.tracked.push(meta);
		return Promise.resolve('ok');
	}
	send(row: QueueLiveRow) {
		this.broadcast?.({ payload: { table: 'queue_live', operation: 'UPDATE', record: row } });
	}
}

/** A supabase client stand-in: channels and queries the test controls. */
class FakeClient {
	channels: FakeChannel[] = [];
	removed: FakeChannel[] = [];
	heartbeat: ((status: string) => void) | null = null;
	authListeners = 0;
	snapshots = 0;
	queueLive: QueueLiveRow[] = [];
	/** The next snapshot's queue_live query fails with this PostgREST-shaped error. */
	failWith: { message: string; code: string } | null = null;
	#release: (() => void)[] = [];

	auth = {
		onAuthStateChange: (callback: (event: string, session: object | null) => void) => {
			this.authListeners++;
			callback('INITIAL_SESSION', {});
			return { data: { subscription: { unsubscribe: () => this.authListeners-- } } };
		}
	};
	realtime = {
		setAuth: () => Promise.resolve(),
		onHeartbeat: (callback: (status: string) => void) => {
			this.heartbeat = callback;
		}
	};

	channel(topic: string, options: unknown) {
		const channel = new FakeChannel(topic, options);
		this.channels.push(channel);
		return channel;
	}
	removeChannel(channel: FakeChannel) {
		this.removed.push(channel);
		return Promise.resolve('ok');
	}
	rpc() {
		return Promise.resolve({ data: new Date(Date.now()).toISOString(), error: null });
	}
	/** Every query resolves at once, except queue_live, which waits for release() (the snapshot in flight). */
	from(table: string) {
		const builder = {
			select: () => builder,
			eq: () => builder,
			gte: () => builder,
			lt: () => builder,
			order: () => builder,
			then: (resolve: (value: { data: unknown[] | null; error: object | null }) => void) => {
				if (table !== 'queue_live') return resolve({ data: [], error: null });
				this.snapshots++;
				const error = this.failWith;
				this.failWith = null;
				this.#release.push(() => resolve(error ? { data: null, error } : { data: this.queueLive, error: null }));
			}
		};
		return builder;
	}
	/** Answers the snapshot queries in flight (they are issued a microtask after the join). */
	async release() {
		await vi.advanceTimersByTimeAsync(0);
		for (const release of this.#release.splice(0)) release();
		await vi.advanceTimersByTimeAsync(0);
	}
	get current(): FakeChannel {
		const channel = this.channels.at(-1);
		if (!channel) throw new Error('no channel');
		return channel;
	}
}

/** document and window as EventTargets that count their listeners. */
function browserStubs() {
	let listeners = 0;
	const counted = <T extends EventTarget>(target: T): T => {
		const add = target.addEventListener.bind(target);
		const remove = target.removeEventListener.bind(target);
		target.addEventListener = (...args: Parameters<EventTarget['addEventListener']>) => {
			listeners++;
			add(...args);
		};
		target.removeEventListener = (...args: Parameters<EventTarget['removeEventListener']>) => {
			listeners--;
			remove(...args);
		};
		return target;
	};
	vi.stubGlobal('document', counted(Object.assign(new EventTarget(), { visibilityState: 'visible' })));
	vi.stubGlobal('window', counted(new EventTarget()));
	return { listeners: () => listeners };
}

let client: FakeClient;
let live: SiteLive;
let stubs: ReturnType<typeof browserStubs>;

async function settle() {
	await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
	vi.useFakeTimers();
	stubs = browserStubs();
	client = new FakeClient();
	live = new SiteLive({
		client: client as unknown as AppSupabaseClient,
		siteId: SITE,
		timeZone: 'Asia/Shanghai',
		presenceKey: 'tv-1'
	});
});

afterEach(() => {
	toasts.clear();
	vi.useRealTimers();
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('SiteLive', () => {
	it('takes the snapshot after joining and replays by version what arrived meanwhile', async () => {
		const stop = live.start();
		await settle();
		expect(client.current.topic).toBe(`wall:${SITE}`);
		expect(live.connection.kind).toBe('connecting');

		client.current.status?.('SUBSCRIBED');
		client.queueLive = [queueRow(10, 5)];
		client.current.send(queueRow(12, 7)); // newer than the snapshot: kept
		client.current.send(queueRow(9, 1)); // older: dropped
		expect(live.queueLive.size).toBe(0); // held until the snapshot is in
		await client.release();
		expect(live.queueLive.get(SALES)?.calls_waiting).toBe(7);
		expect(live.connection.kind).toBe('live');

		client.current.send(queueRow(11, 3)); // late and old: ignored
		expect(live.queueLive.get(SALES)?.calls_waiting).toBe(7);
		client.current.send(queueRow(13, 2));
		expect(live.queueLive.get(SALES)?.calls_waiting).toBe(2);
		stop();
	});

	it('refetches after every join, reconnecting in between and stale 30 s after the last sign of life', async () => {
		const stop = live.start();
		await settle();
		client.current.status?.('SUBSCRIBED');
		await client.release();
		expect(live.connection.kind).toBe('live');

		// Heartbeats answered on a joined channel keep it live.
		await vi.advanceTimersByTimeAsync(25_000);
		client.heartbeat?.('ok');
		await vi.advanceTimersByTimeAsync(25_000);
		expect(live.connection.kind).toBe('live');

		client.current.status?.('CHANNEL_ERROR');
		await vi.advanceTimersByTimeAsync(1_000);
		expect(live.connection.kind).toBe('reconnecting');
		client.heartbeat?.('ok'); // a socket heartbeat is no sign of life for a channel that is not joined
		await vi.advanceTimersByTimeAsync(5_000);
		expect(live.connection).toMatchObject({ kind: 'stale' });
		expect(live.lastAliveAt).not.toBeNull();

		client.current.status?.('SUBSCRIBED');
		await settle();
		expect(client.snapshots).toBe(2);
		expect(live.connection.kind).toBe('stale'); // until the new snapshot is in
		await client.release();
		expect(live.connection.kind).toBe('live');
		stop();
	});

	it('freezes ticking values at the last sign of life while stale, and ticks again once live', async () => {
		const stop = live.start();
		await settle();
		client.current.status?.('SUBSCRIBED');
		await client.release();
		expect(live.asOf).toBe(live.now);

		const lastAlive = live.lastAliveAt;
		client.current.status?.('CHANNEL_ERROR');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(live.connection.kind).toBe('reconnecting');
		expect(live.asOf).toBe(live.now); // a short gap is no reason to stop the clocks
		await vi.advanceTimersByTimeAsync(25_000);
		expect(live.connection.kind).toBe('stale');
		expect(live.asOf).toBe(lastAlive);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(live.asOf).toBe(lastAlive);
		expect(live.now - live.asOf).toBeGreaterThanOrEqual(95_000);

		client.current.status?.('SUBSCRIBED');
		await client.release();
		expect(live.connection.kind).toBe('live');
		expect(live.asOf).toBe(live.now);
		stop();
	});

	it('says in a toast that a snapshot failed, and takes it again after a pause', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const stop = live.start();
		await settle();
		client.failWith = { message: 'permission denied for table queue_live', code: '42501' };
		client.current.status?.('SUBSCRIBED');
		await client.release();
		// The reason in the user's language (zh-CN here), with the API's code.
		expect(toasts.items).toMatchObject([{ detail: '你的账号没有权限执行此操作。（错误码 42501）' }]);
		expect(live.connection.kind).toBe('connecting');
		await vi.advanceTimersByTimeAsync(1_000);
		expect(client.snapshots).toBe(2);
		client.queueLive = [queueRow(3, 1)];
		await client.release();
		expect(live.connection.kind).toBe('live');
		expect(live.queueLive.get(SALES)?.calls_waiting).toBe(1);
		stop();
	});

	it('holds today’s span of the site, not of the machine', async () => {
		vi.setSystemTime(Date.parse('2026-11-23T15:59:59Z')); // 23:59:59 in Shanghai
		live = new SiteLive({ client: client as unknown as AppSupabaseClient, siteId: SITE, timeZone: 'Asia/Shanghai' });
		const stop = live.start();
		await settle();
		expect(live.today.date).toBe('2026-11-23');
		await vi.advanceTimersByTimeAsync(1_000);
		expect(live.today).toEqual({
			date: '2026-11-24',
			start: Date.parse('2026-11-23T16:00:00Z'),
			end: Date.parse('2026-11-24T16:00:00Z')
		});
		stop();
	});

	it('refuses a second start while running', () => {
		const stop = live.start();
		expect(() => live.start()).toThrow(/already started/);
		stop();
	});

	it('joins with a new channel when the server closed the last one', async () => {
		const stop = live.start();
		await settle();
		const first = client.current;
		first.status?.('SUBSCRIBED');
		await client.release();
		first.status?.('CLOSED');
		expect(client.removed).toContain(first);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(client.channels).toHaveLength(2);
		client.current.status?.('SUBSCRIBED');
		await settle();
		expect(client.snapshots).toBe(2);
		stop();
	});

	it('tracks presence after each join, and tears down channel, timers and listeners', async () => {
		live.track({ board: '/wall' });
		const stop = live.start();
		await settle();
		client.current.status?.('SUBSCRIBED');
		expect(client.current.tracked).toEqual([{ board: '/wall' }]);
		await client.release();
		expect(vi.getTimerCount()).toBeGreaterThan(0);
		expect(stubs.listeners()).toBe(2);
		expect(client.authListeners).toBe(1);

		stop();
		expect(client.removed).toEqual([client.current]);
		expect(vi.getTimerCount()).toBe(0);
		expect(stubs.listeners()).toBe(0);
		expect(client.authListeners).toBe(0);
		// A broadcast or status after teardown changes nothing.
		client.current.status?.('CLOSED');
		await vi.advanceTimersByTimeAsync(60_000);
		expect(client.channels).toHaveLength(1);
	});
});
