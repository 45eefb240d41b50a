import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSupabaseClient } from '$lib/supabase';
import { agentTopic, SwapChanges, teamTopic, toSwapChange } from './swap-changes.svelte';

const AGENT = 'ac000000-0000-4000-8000-000000000101';
const TEAMS = ['7e000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000002'];
const CHANGE = { swap_id: '5w000000-0000-4000-8000-000000000001', status: 'accepted' };

describe('toSwapChange', () => {
	it('takes the swap and status of the broadcast and ignores the message id', () => {
		expect(toSwapChange({ ...CHANGE, id: 'x' })).toEqual(CHANGE);
	});
	it('refuses another shape', () => {
		expect(toSwapChange({ ...CHANGE, status: 'lost' })).toBeNull();
		expect(toSwapChange({ status: 'accepted' })).toBeNull();
		expect(toSwapChange(null)).toBeNull();
	});
});

interface FakeChannel {
	topic: string;
	state: string;
	config: unknown;
	broadcast: ((message: { payload?: unknown }) => void) | null;
	status: ((status: string) => void) | null;
}

/** A client stand-in: channels whose broadcasts and status the test drives, and the ones still held. */
class FakeClient {
	channels: FakeChannel[] = [];
	held: FakeChannel[] = [];
	removed: string[] = [];
	realtime = { setAuth: () => Promise.resolve() };
	getChannels() {
		return this.held;
	}
	channel(topic: string, options: { config: unknown }) {
		const fake: FakeChannel = {
			topic: `realtime:${topic}`,
			state: 'closed',
			config: options.config,
			broadcast: null,
			status: null
		};
		this.channels.push(fake);
		this.held.push(fake);
		const channel = {
			on: (_type: string, filter: { event: string }, callback: (message: { payload?: unknown }) => void) => {
				expect(filter.event).toBe('swap_changed');
				fake.broadcast = callback;
				return channel;
			},
			subscribe: (callback: (status: string) => void) => {
				fake.state = 'joining';
				fake.status = callback;
				return channel;
			},
			fake
		};
		return channel;
	}
	removeChannel(channel: { fake: FakeChannel }) {
		this.removed.push(channel.fake.topic);
		this.held = this.held.filter((c) => c !== channel.fake);
		return Promise.resolve('ok');
	}
}

function started(topics: string[], client = new FakeClient()) {
	let changes = 0;
	const live = new SwapChanges({
		client: client as unknown as AppSupabaseClient,
		topics,
		onChange: () => changes++
	});
	const stop = live.start();
	return { client, live, changes: () => changes, stop };
}

describe('SwapChanges', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('joins each topic privately and is live only once all are joined', async () => {
		const topics = TEAMS.map(teamTopic);
		const { client, live, stop } = started(topics);
		await vi.advanceTimersByTimeAsync(0);
		expect(client.channels.map((c) => c.topic)).toEqual(topics.map((t) => `realtime:${t}`));
		expect(client.channels.every((c) => JSON.stringify(c.config) === '{"private":true}')).toBe(true);
		client.channels[0]?.status?.('SUBSCRIBED');
		expect(live.joined).toBe(false);
		client.channels[1]?.status?.('SUBSCRIBED');
		expect(live.joined).toBe(true);
		client.channels[1]?.status?.('CHANNEL_ERROR');
		expect(live.joined).toBe(false);
		stop();
		expect(client.removed).toEqual(topics.map((t) => `realtime:${t}`));
	});

	it('reads the list once after a burst of changes, and after each join', async () => {
		const { client, changes, stop } = started([agentTopic(AGENT)]);
		await vi.advanceTimersByTimeAsync(0);
		const channel = client.channels[0];
		channel?.status?.('SUBSCRIBED');
		await vi.advanceTimersByTimeAsync(200);
		expect(changes()).toBe(1); // the join: whatever happened before it
		channel?.broadcast?.({ payload: { ...CHANGE, id: 'm1' } });
		channel?.broadcast?.({ payload: { ...CHANGE, status: 'stale', id: 'm2' } });
		channel?.broadcast?.({ payload: { something: 'else' } });
		await vi.advanceTimersByTimeAsync(200);
		expect(changes()).toBe(2);
		channel?.broadcast?.({ payload: { something: 'else' } });
		await vi.advanceTimersByTimeAsync(200);
		expect(changes()).toBe(2);
		channel?.broadcast?.({ payload: CHANGE });
		stop();
		await vi.advanceTimersByTimeAsync(200);
		expect(changes()).toBe(2); // nothing after the teardown
	});

	it('waits for a channel of the same topic the previous page is still leaving', async () => {
		const client = new FakeClient();
		const leaving: FakeChannel = {
			topic: `realtime:${agentTopic(AGENT)}`,
			state: 'leaving',
			config: {},
			broadcast: null,
			status: null
		};
		client.held.push(leaving);
		const { stop } = started([agentTopic(AGENT)], client);
		await vi.advanceTimersByTimeAsync(120);
		expect(client.channels).toHaveLength(0);
		client.held = [];
		await vi.advanceTimersByTimeAsync(60);
		expect(client.channels).toHaveLength(1);
		stop();
	});
});
