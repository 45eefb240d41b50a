import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSupabaseClient } from '$lib/supabase';
import { MyStatsChanges, SETTLE_MS, toStatsChange } from './my-stats-changes.svelte';

const AGENT = 'ac000000-0000-4000-8000-000000000131';
const OTHER = 'ac000000-0000-4000-8000-000000000132';
const CHANGE = { agent_id: AGENT, what: 'calls' };

describe('toStatsChange', () => {
	it('takes the agent and what changed, and ignores the message id', () => {
		expect(toStatsChange({ ...CHANGE, id: 'x' }, AGENT)).toEqual(CHANGE);
		// An accepted statement dispute (20261209700000).
		expect(toStatsChange({ ...CHANGE, what: 'adjustments' }, AGENT)).toEqual({ ...CHANGE, what: 'adjustments' });
	});
	it('refuses another shape, and a message about another agent', () => {
		expect(toStatsChange({ ...CHANGE, what: 'salaries' }, AGENT)).toBeNull();
		expect(toStatsChange({ what: 'calls' }, AGENT)).toBeNull();
		expect(toStatsChange(null, AGENT)).toBeNull();
		expect(toStatsChange({ ...CHANGE, agent_id: OTHER }, AGENT)).toBeNull();
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
				expect(filter.event).toBe('stats_changed');
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

function started(client = new FakeClient()) {
	let changes = 0;
	const live = new MyStatsChanges({
		client: client as unknown as AppSupabaseClient,
		agentId: AGENT,
		onChange: () => changes++
	});
	const stop = live.start();
	return { client, live, changes: () => changes, stop };
}

describe('MyStatsChanges', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it("joins the agent's own topic privately and is live while joined", async () => {
		const { client, live, stop } = started();
		await vi.advanceTimersByTimeAsync(0);
		expect(client.channels.map((c) => c.topic)).toEqual([`realtime:agent:${AGENT}`]);
		expect(JSON.stringify(client.channels[0]?.config)).toBe('{"private":true}');
		expect(live.joined).toBe(false);
		client.channels[0]?.status?.('SUBSCRIBED');
		expect(live.joined).toBe(true);
		client.channels[0]?.status?.('CHANNEL_ERROR');
		expect(live.joined).toBe(false);
		stop();
		expect(client.removed).toEqual([`realtime:agent:${AGENT}`]);
	});

	it('reads the figures once after a burst of changes, and after each join', async () => {
		const { client, changes, stop } = started();
		await vi.advanceTimersByTimeAsync(0);
		const channel = client.channels[0];
		channel?.status?.('SUBSCRIBED');
		await vi.advanceTimersByTimeAsync(SETTLE_MS);
		expect(changes()).toBe(1); // the join: whatever happened before it
		channel?.broadcast?.({ payload: { ...CHANGE, id: 'm1' } });
		channel?.broadcast?.({ payload: { ...CHANGE, what: 'invitations', id: 'm2' } });
		await vi.advanceTimersByTimeAsync(SETTLE_MS);
		expect(changes()).toBe(2);
		channel?.broadcast?.({ payload: { ...CHANGE, agent_id: OTHER } });
		channel?.broadcast?.({ payload: { something: 'else' } });
		await vi.advanceTimersByTimeAsync(SETTLE_MS);
		expect(changes()).toBe(2);
		channel?.status?.('CHANNEL_ERROR');
		channel?.status?.('SUBSCRIBED');
		await vi.advanceTimersByTimeAsync(SETTLE_MS);
		expect(changes()).toBe(3); // joined again: read what came meanwhile
		channel?.broadcast?.({ payload: CHANGE });
		stop();
		await vi.advanceTimersByTimeAsync(SETTLE_MS);
		expect(changes()).toBe(3); // nothing after the teardown
	});

	it('waits for a channel of the same topic the previous page is still leaving', async () => {
		const client = new FakeClient();
		client.held.push({ topic: `realtime:agent:${AGENT}`, state: 'leaving', config: {}, broadcast: null, status: null });
		const { stop } = started(client);
		await vi.advanceTimersByTimeAsync(120);
		expect(client.channels).toHaveLength(0);
		client.held = [];
		await vi.advanceTimersByTimeAsync(60);
		expect(client.channels).toHaveLength(1);
		stop();
	});
});
