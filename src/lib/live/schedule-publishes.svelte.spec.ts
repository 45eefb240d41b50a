import { describe, expect, it } from 'vitest';
import type { AppSupabaseClient } from '$lib/supabase';
import { SchedulePublishes, toPublishedWeek, type PublishedWeek } from './schedule-publishes.svelte';

const AGENT = 'ac000000-0000-4000-8000-000000000101';
const PUBLISHED = {
	schedule_id: '5c000000-0000-4000-8000-000000000001',
	team_id: '7e000000-0000-4000-8000-000000000001',
	week_start: '2026-12-14',
	version: 2
};

describe('toPublishedWeek', () => {
	it('takes the four fields of the broadcast and ignores the message id', () => {
		expect(toPublishedWeek({ ...PUBLISHED, id: 'x' })).toEqual(PUBLISHED);
	});
	it('refuses another shape', () => {
		expect(toPublishedWeek({ ...PUBLISHED, week_start: '14/12/2026' })).toBeNull();
		expect(toPublishedWeek({ ...PUBLISHED, version: '2' })).toBeNull();
		expect(toPublishedWeek(null)).toBeNull();
	});
});

/** A client stand-in: one channel whose broadcasts and status the test drives. */
class FakeClient {
	topic = '';
	config: unknown = null;
	removed = 0;
	status: ((status: string) => void) | null = null;
	broadcast: ((message: { payload?: unknown }) => void) | null = null;
	realtime = { setAuth: () => Promise.resolve() };
	channel(topic: string, options: { config: unknown }) {
		this.topic = topic;
		this.config = options.config;
		const channel = {
			on: (_type: string, filter: { event: string }, callback: (message: { payload?: unknown }) => void) => {
				expect(filter.event).toBe('schedule_published');
				this.broadcast = callback;
				return channel;
			},
			subscribe: (callback: (status: string) => void) => {
				this.status = callback;
				return channel;
			}
		};
		return channel;
	}
	removeChannel() {
		this.removed++;
		return Promise.resolve('ok');
	}
}

function started() {
	const client = new FakeClient();
	const heard: PublishedWeek[] = [];
	let joins = 0;
	const live = new SchedulePublishes({
		client: client as unknown as AppSupabaseClient,
		agentId: AGENT,
		onPublished: (p) => heard.push(p),
		onJoined: () => joins++
	});
	const stop = live.start();
	return { client, live, heard, joins: () => joins, stop };
}

describe('SchedulePublishes', () => {
	it('joins the agent’s private topic and hands over each publish', async () => {
		const { client, live, heard, stop } = started();
		await Promise.resolve();
		expect(client.topic).toBe(`agent:${AGENT}`);
		expect(client.config).toEqual({ private: true });
		client.status?.('SUBSCRIBED');
		expect(live.joined).toBe(true);
		client.broadcast?.({ payload: { ...PUBLISHED, id: 'm1' } });
		client.broadcast?.({ payload: { something: 'else' } });
		expect(heard).toEqual([PUBLISHED]);
		stop();
		expect(client.removed).toBe(1);
		expect(live.joined).toBe(false);
		client.broadcast?.({ payload: PUBLISHED });
		expect(heard).toHaveLength(1);
	});

	it('calls onJoined on the first join and again after each drop, not on repeated statuses', async () => {
		const { client, joins, stop } = started();
		await Promise.resolve();
		client.status?.('SUBSCRIBED');
		client.status?.('SUBSCRIBED');
		expect(joins()).toBe(1);
		client.status?.('CHANNEL_ERROR');
		client.status?.('SUBSCRIBED');
		expect(joins()).toBe(2);
		stop();
	});

	it('cannot be started twice', () => {
		const { live, stop } = started();
		expect(() => live.start()).toThrow(/already started/);
		stop();
	});
});
