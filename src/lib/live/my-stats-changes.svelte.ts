// My day, live: whenever a call, a lead's call log line, an invitation, a
// CSAT rating, a QA evaluation or a statement adjustment (an accepted
// dispute) of an agent changes, `stats_changed` with the agent's id and what changed
// goes to the agent's private topic, agent:<agent_id>, once per transaction
// (20261209400000_my_stats.sql). The page follows that one topic while open
// and reads its figures again on each message; every join (the first, and
// each after the link dropped) reads them again too, since calls may have
// come in while nobody listened. A resource with an owner, like
// SwapChanges: start() joins and returns the teardown.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { agentTopic } from './swap-changes.svelte';

export const STATS_CHANGED = 'stats_changed';

// A broadcast is data from outside this code: checked, never trusted.
const Changed = z.object({
	agent_id: z.string(),
	what: z.enum(['calls', 'lead_calls', 'invitations', 'ratings', 'evaluations', 'adjustments'])
});
export type StatsChange = z.infer<typeof Changed>;

/** The agent and what changed, or null for a payload of another shape or about another agent. */
export function toStatsChange(payload: unknown, agentId: string): StatsChange | null {
	const parsed = Changed.safeParse(payload);
	return parsed.success && parsed.data.agent_id === agentId ? parsed.data : null;
}

/**
 * A busy agent's calls end one after another, and ingest may commit several
 * batches a second: one read per this many milliseconds at most, the last
 * message always followed by a read.
 */
export const SETTLE_MS = 400;
const LEAVE_WAIT_MS = 3_000;
const LEAVE_POLL_MS = 50;

export interface MyStatsChangesOptions {
	client: AppSupabaseClient;
	agentId: string;
	/** Read the figures again: something changed, or the topic was (re)joined. */
	onChange: () => void;
}

/**
 * supabase-js hands back the channel it already holds for a topic; the page
 * left a moment ago (My schedule and My swaps follow agent:<id> too) may
 * still be leaving it, and a channel taken over then never joins. So the
 * join waits, briefly, until no channel of the topic is leaving (as
 * SwapChanges does).
 */
async function topicFree(client: AppSupabaseClient, topic: string): Promise<void> {
	for (let waited = 0; waited < LEAVE_WAIT_MS; waited += LEAVE_POLL_MS) {
		const held = client.getChannels().find((c) => c.topic === `realtime:${topic}`);
		if (!held || held.state === 'joined' || held.state === 'joining') return;
		await new Promise((resolve) => setTimeout(resolve, LEAVE_POLL_MS));
	}
}

export class MyStatsChanges {
	readonly topic: string;
	readonly #options: MyStatsChangesOptions;
	#joined = $state(false);
	#running = false;

	constructor(options: MyStatsChangesOptions) {
		this.#options = options;
		this.topic = agentTopic(options.agentId);
	}

	/** true while the topic is joined: changes arrive as they happen. */
	get joined(): boolean {
		return this.#joined;
	}

	start(): () => void {
		if (this.#running) throw new Error('MyStatsChanges is already started');
		this.#running = true;
		const { client, agentId, onChange } = this.#options;
		let channel: RealtimeChannel | null = null;
		let settle: ReturnType<typeof setTimeout> | undefined;
		const changed = () => {
			if (!this.#running || settle !== undefined) return;
			settle = setTimeout(() => {
				settle = undefined;
				if (this.#running) onChange();
			}, SETTLE_MS);
		};

		const join = async () => {
			await topicFree(client, this.topic);
			if (!this.#running) return;
			channel = client.channel(this.topic, { config: { private: true } });
			channel.on('broadcast', { event: STATS_CHANGED }, (message: { payload?: unknown }) => {
				if (toStatsChange(message.payload, agentId)) changed();
			});
			channel.subscribe((status) => {
				if (!this.#running) return;
				const joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
				// Whatever happened before the link was up is read now.
				if (joined && !this.#joined) changed();
				this.#joined = joined;
			});
		};
		client.realtime.setAuth().then(
			() => join().catch((err: unknown) => handleError(err, m.myday_live_failed())),
			(err: unknown) => handleError(err, m.myday_live_failed())
		);
		return () => {
			this.#running = false;
			this.#joined = false;
			clearTimeout(settle);
			if (channel) void client.removeChannel(channel);
		};
	}
}
