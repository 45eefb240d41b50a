import { describe, expect, it } from 'vitest';
import { toScreens } from './presence-watch.svelte';

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
