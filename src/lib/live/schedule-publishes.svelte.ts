// The publishes an agent is told about on their private topic agent:<id>
// (20261205400000_schedule_broadcasts.sql): a page that shows their schedule
// follows it while open. A resource with an owner, like PresenceWatch:
// start() joins and returns the teardown. Every join (the first, and each
// rejoin after the link dropped) calls onJoined, since a publish may have
// happened while nobody listened; the owner reads its week again then.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';

export const SCHEDULE_PUBLISHED = 'schedule_published';

// A broadcast is data from outside this code: checked, never trusted.
const Published = z.object({
	schedule_id: z.string(),
	team_id: z.string(),
	week_start: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
	version: z.number().check(z.int())
});
export type PublishedWeek = z.infer<typeof Published>;

/** The publish a broadcast payload names, or null for a payload of another shape. */
export function toPublishedWeek(payload: unknown): PublishedWeek | null {
	const parsed = Published.safeParse(payload);
	return parsed.success ? parsed.data : null;
}

export interface SchedulePublishesOptions {
	client: AppSupabaseClient;
	agentId: string;
	onPublished: (published: PublishedWeek) => void;
	onJoined: () => void;
}

export class SchedulePublishes {
	readonly agentId: string;
	readonly #options: SchedulePublishesOptions;
	#joined = $state(false);
	#running = false;

	constructor(options: SchedulePublishesOptions) {
		this.#options = options;
		this.agentId = options.agentId;
	}

	/** true while the topic is joined: publishes arrive as they happen. */
	readonly joined: boolean = $derived(this.#joined);

	start(): () => void {
		if (this.#running) throw new Error('SchedulePublishes is already started');
		this.#running = true;
		const { client, onPublished, onJoined } = this.#options;
		const channel: RealtimeChannel = client.channel(`agent:${this.agentId}`, { config: { private: true } });
		channel.on('broadcast', { event: SCHEDULE_PUBLISHED }, (message: { payload?: unknown }) => {
			const published = toPublishedWeek(message.payload);
			if (published && this.#running) onPublished(published);
		});
		client.realtime.setAuth().then(
			() => {
				if (!this.#running) return;
				channel.subscribe((status) => {
					const joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
					if (joined && !this.#joined && this.#running) onJoined();
					this.#joined = joined;
				});
			},
			(err: unknown) => handleError(err, m.pub_live_failed())
		);
		return () => {
			this.#running = false;
			this.#joined = false;
			void client.removeChannel(channel);
		};
	}
}
