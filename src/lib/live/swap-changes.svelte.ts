// Shift swaps, live: each step of a swap (proposed, accepted, declined,
// cancelled, approved, rejected, stale) sends `swap_changed` with its id and
// status only to the private topics of its two agents, agent:<agent_id>, and
// of its team's planners, schedule:<team_id>
// (20261208200000_swap_broadcasts.sql). A page listing swaps follows the
// topics its swaps come from while open and reads its list again on each
// message; every join (the first, and each after the link dropped) reads it
// again too, since a swap may have moved on while nobody listened. A
// resource with an owner, like SchedulePublishes: start() joins and returns
// the teardown.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import { SvelteSet } from 'svelte/reactivity';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';

export const SWAP_CHANGED = 'swap_changed';

// A broadcast is data from outside this code: checked, never trusted.
const Changed = z.object({
	swap_id: z.string(),
	status: z.enum(['proposed', 'accepted', 'approved', 'declined', 'rejected', 'cancelled', 'stale'])
});
export type SwapChange = z.infer<typeof Changed>;

/** The swap and status a broadcast names, or null for a payload of another shape. */
export function toSwapChange(payload: unknown): SwapChange | null {
	const parsed = Changed.safeParse(payload);
	return parsed.success ? parsed.data : null;
}

/** The private topics of an agent's own swaps and of a team's swaps (for its planners). */
export const agentTopic = (agentId: string) => `agent:${agentId}`;
export const teamTopic = (teamId: string) => `schedule:${teamId}`;

/** An approval also makes the week's other open swaps stale: one read for the burst. */
const SETTLE_MS = 150;
/** How long a join waits for a channel of the same topic the previous page is still leaving. */
const LEAVE_WAIT_MS = 3_000;
const LEAVE_POLL_MS = 50;

export interface SwapChangesOptions {
	client: AppSupabaseClient;
	topics: readonly string[];
	/** Read the list again: a swap moved on, or a topic was (re)joined. */
	onChange: () => void;
}

/**
 * supabase-js hands back the channel it already holds for a topic. The page
 * left a moment ago (My schedule follows agent:<id> too, the rota editor
 * schedule:<team>) may still be leaving it: a channel taken over then never
 * joins. So a join waits, briefly, until no channel of the topic is leaving.
 */
async function topicFree(client: AppSupabaseClient, topic: string): Promise<void> {
	for (let waited = 0; waited < LEAVE_WAIT_MS; waited += LEAVE_POLL_MS) {
		const held = client.getChannels().find((c) => c.topic === `realtime:${topic}`);
		if (!held || held.state === 'joined' || held.state === 'joining') return;
		await new Promise((resolve) => setTimeout(resolve, LEAVE_POLL_MS));
	}
}

export class SwapChanges {
	readonly topics: readonly string[];
	readonly #options: SwapChangesOptions;
	/** The topics joined now. */
	readonly #joined = new SvelteSet<string>();
	#running = false;

	constructor(options: SwapChangesOptions) {
		this.#options = options;
		this.topics = [...options.topics];
	}

	/** true while every topic is joined: changes arrive as they happen. */
	get joined(): boolean {
		return this.topics.length > 0 && this.topics.every((topic) => this.#joined.has(topic));
	}

	start(): () => void {
		if (this.#running) throw new Error('SwapChanges is already started');
		this.#running = true;
		const { client, onChange } = this.#options;
		const channels: RealtimeChannel[] = [];
		let settle: ReturnType<typeof setTimeout> | undefined;
		const changed = () => {
			if (!this.#running || settle !== undefined) return;
			settle = setTimeout(() => {
				settle = undefined;
				if (this.#running) onChange();
			}, SETTLE_MS);
		};
		const mark = (topic: string, joined: boolean) => {
			if (joined) this.#joined.add(topic);
			else this.#joined.delete(topic);
		};

		const join = async (topic: string) => {
			await topicFree(client, topic);
			if (!this.#running) return;
			const channel = client.channel(topic, { config: { private: true } });
			channels.push(channel);
			channel.on('broadcast', { event: SWAP_CHANGED }, (message: { payload?: unknown }) => {
				if (toSwapChange(message.payload)) changed();
			});
			channel.subscribe((status) => {
				if (!this.#running) return;
				const joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
				// Whatever happened before the link was up is read now.
				if (joined && !this.#joined.has(topic)) changed();
				mark(topic, joined);
			});
		};
		client.realtime.setAuth().then(
			() => {
				for (const topic of this.topics) {
					join(topic).catch((err: unknown) => handleError(err, m.swap_live_failed()));
				}
			},
			(err: unknown) => handleError(err, m.swap_live_failed())
		);
		return () => {
			this.#running = false;
			this.#joined.clear();
			clearTimeout(settle);
			for (const channel of channels) void client.removeChannel(channel);
		};
	}
}
