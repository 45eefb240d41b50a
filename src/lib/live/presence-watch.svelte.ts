// Which wall TVs are alive: the presence every board tracks on its site's
// wall topic (screen, board, app version, last render), watched from the
// settings page. A resource with an owner, like SiteLive.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import type { AppSupabaseClient } from '$lib/supabase';

export interface ScreenPresence {
	key: string;
	user: string;
	board: string;
	appVersion: string;
	screen: string;
	/** Epoch ms of the board's last reported render, null when unknown. */
	lastRender: number | null;
}

// Presence metadata comes from other browsers: checked, never trusted.
const Meta = z.looseObject({
	user: z.optional(z.string()),
	board: z.optional(z.string()),
	app_version: z.optional(z.string()),
	screen: z.optional(z.string()),
	last_render: z.optional(z.string())
});

/** One row per screen (presence key), from the channel's presence state; newest report first within a key. */
export function toScreens(state: Record<string, unknown[]>): ScreenPresence[] {
	const screens: ScreenPresence[] = [];
	for (const [key, metas] of Object.entries(state)) {
		const reports = metas.flatMap((meta) => {
			const parsed = Meta.safeParse(meta);
			return parsed.success ? [parsed.data] : [];
		});
		const latest = reports
			.map((r) => ({ r, at: r.last_render ? Date.parse(r.last_render) : Number.NaN }))
			.sort((a, b) => (Number.isNaN(b.at) ? -1 : b.at) - (Number.isNaN(a.at) ? -1 : a.at))[0];
		if (!latest) continue;
		screens.push({
			key,
			user: latest.r.user ?? '',
			board: latest.r.board ?? '',
			appVersion: latest.r.app_version ?? '',
			screen: latest.r.screen ?? '',
			lastRender: Number.isNaN(latest.at) ? null : latest.at
		});
	}
	return screens.sort((a, b) => a.user.localeCompare(b.user) || a.key.localeCompare(b.key));
}

export class PresenceWatch {
	screens = $state.raw<readonly ScreenPresence[]>([]);
	joined = $state(false);
	readonly #client: AppSupabaseClient;
	readonly #siteId: string;

	constructor(client: AppSupabaseClient, siteId: string) {
		this.#client = client;
		this.#siteId = siteId;
	}

	start(): () => void {
		const client = this.#client;
		const channel: RealtimeChannel = client.channel(`wall:${this.#siteId}`, {
			config: { private: true, presence: { enabled: true } }
		});
		let active = true;
		channel.on('presence', { event: 'sync' }, () => {
			this.screens = toScreens(channel.presenceState());
		});
		client.realtime.setAuth().then(
			() => {
				if (active)
					channel.subscribe((status) => {
						this.joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
					});
			},
			() => {
				this.joined = false;
			}
		);
		return () => {
			active = false;
			void client.removeChannel(channel);
		};
	}
}
