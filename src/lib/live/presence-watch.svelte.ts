// Which wall TVs are alive: the presence every board tracks on its site's
// wall topic (screen, board, app version, last render), watched from the
// settings page. A resource with an owner, like SiteLive: start() joins and
// returns the teardown.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
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

export interface PresenceWatchOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class PresenceWatch {
	readonly siteId: string;
	readonly #client: AppSupabaseClient;

	#screens = $state.raw<readonly ScreenPresence[]>([]);
	#joined = $state(false);
	#running = false;

	constructor(options: PresenceWatchOptions) {
		this.#client = options.client;
		this.siteId = options.siteId;
	}

	/** The screens present now, by user then key. */
	readonly screens: readonly ScreenPresence[] = $derived(this.#screens);
	/** true while the watch channel is joined (before that, the list means nothing). */
	readonly joined: boolean = $derived(this.#joined);

	start(): () => void {
		if (this.#running) throw new Error('PresenceWatch is already started');
		this.#running = true;
		const client = this.#client;
		const channel: RealtimeChannel = client.channel(`wall:${this.siteId}`, {
			config: { private: true, presence: { enabled: true } }
		});
		channel.on('presence', { event: 'sync' }, () => {
			this.#screens = toScreens(channel.presenceState());
		});
		client.realtime.setAuth().then(
			() => {
				if (this.#running)
					channel.subscribe((status) => {
						this.#joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
					});
			},
			(err: unknown) => {
				this.#joined = false;
				handleError(err, m.settings_screens_failed());
			}
		);
		return () => {
			this.#running = false;
			this.#joined = false;
			void client.removeChannel(channel);
		};
	}
}
