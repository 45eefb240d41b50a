import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSupabaseClient } from '$lib/supabase';
import { toasts } from '$lib/toasts.svelte';
import { PresenceWatch, toScreens } from './presence-watch.svelte';

describe('toScreens', () => {
	it('keeps one row per screen with its latest report, and skips malformed metadata', () => {
		const screens = toScreens({
			'tv-b': [
				{
					user: 'display@demo.local',
					board: '/wall',
					app_version: '1',
					screen: '1920×1080',
					last_render: '2026-11-23T01:00:00Z',
					phx_ref: 'x'
				},
				{
					user: 'display@demo.local',
					board: '/wall/agents',
					app_version: '2',
					screen: '1920×1080',
					last_render: '2026-11-23T01:05:00Z'
				}
			],
			'tv-a': [{ user: 'display@demo.local', board: '/wall/outbound' }],
			bad: [{ user: 42 }]
		});
		expect(screens).toEqual([
			{
				key: 'tv-a',
				user: 'display@demo.local',
				board: '/wall/outbound',
				appVersion: '',
				screen: '',
				lastRender: null
			},
			{
				key: 'tv-b',
				user: 'display@demo.local',
				board: '/wall/agents',
				appVersion: '2',
				screen: '1920×1080',
				lastRender: Date.parse('2026-11-23T01:05:00Z')
			}
		]);
	});
});

/** A client stand-in: one channel whose presence and status the test drives. */
class FakeClient {
	removed = 0;
	subscribed: ((status: string) => void) | null = null;
	sync: (() => void) | null = null;
	state: Record<string, unknown[]> = {};
	auth: Promise<void> = Promise.resolve();
	realtime = { setAuth: () => this.auth };
	channel(topic: string) {
		expect(topic).toBe('wall:5a000000-0000-4000-8000-000000000001');
		const channel = {
			on: (_type: string, _filter: unknown, callback: () => void) => {
				this.sync = callback;
				return channel;
			},
			subscribe: (callback: (status: string) => void) => {
				this.subscribed = callback;
				return channel;
			},
			presenceState: () => this.state
		};
		return channel;
	}
	removeChannel() {
		this.removed++;
		return Promise.resolve('ok');
	}
}

describe('PresenceWatch', () => {
	const siteId = '5a000000-0000-4000-8000-000000000001';

	afterEach(() => {
		toasts.clear();
		vi.restoreAllMocks();
	});

	it('joins on start, lists the screens on every sync, and removes its channel on teardown', async () => {
		const client = new FakeClient();
		const watch = new PresenceWatch({ client: client as unknown as AppSupabaseClient, siteId });
		const stop = watch.start();
		expect(() => watch.start()).toThrow(/already started/);
		await Promise.resolve();
		client.subscribed?.('SUBSCRIBED');
		expect(watch.joined).toBe(true);
		client.state = { 'tv-1': [{ user: 'display@demo.local', board: '/wall' }] };
		client.sync?.();
		expect(watch.screens.map((s) => s.board)).toEqual(['/wall']);
		stop();
		expect(client.removed).toBe(1);
		expect(watch.joined).toBe(false);
	});

	it('tells in a toast that it could not join, and does not join after the teardown', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const failing = new FakeClient();
		failing.auth = Promise.reject(new Error('token refresh failed'));
		const stop = new PresenceWatch({ client: failing as unknown as AppSupabaseClient, siteId }).start();
		await vi.waitFor(() => expect(toasts.items).toMatchObject([{ detail: 'token refresh failed' }]));
		stop();

		const late = new FakeClient();
		const stopLate = new PresenceWatch({ client: late as unknown as AppSupabaseClient, siteId }).start();
		stopLate();
		await Promise.resolve();
		expect(late.subscribed).toBeNull();
	});
});
