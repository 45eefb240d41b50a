// The floor benchmark's call stream (bench/floor.ts): outbound calls of many
// agents, one event of one agent's current call at a time, round robin, so
// a batch names each agent at most once (while batches are smaller than the
// floor) and every event changes that agent's call summary — each batch owes
// each of its agents exactly one `stats_changed`.
import type { IngestEvent } from '../../server/events/schema.ts';

const STAGES = ['call_dialed', 'call_connected', 'call_ended', 'call_graded', 'wrap_ended'] as const;

export class FloorFeed {
	readonly #stage: number[];
	readonly #call: number[];
	#next = 0;
	#seq = 0;

	constructor(
		readonly agentIds: readonly string[],
		readonly siteId: string,
		readonly queueId: string,
		/** Keeps ids unique across runs on one database. */
		readonly prefix: string
	) {
		this.#stage = agentIds.map(() => 0);
		this.#call = agentIds.map(() => 0);
	}

	/** The next `size` events, all at `at` (ISO), and the agents they are about. */
	batch(size: number, at: string): { events: IngestEvent[]; agents: string[] } {
		const events: IngestEvent[] = [];
		const agents: string[] = [];
		for (let n = 0; n < size; n++) {
			const i = this.#next;
			this.#next = (this.#next + 1) % this.agentIds.length;
			const agentId = this.agentIds[i] as string;
			const kind = STAGES[this.#stage[i] as number] as (typeof STAGES)[number];
			const ids = {
				event_id: `${this.prefix}-${this.#seq++}`,
				site_id: this.siteId,
				queue_id: this.queueId,
				call_id: `${this.prefix}-${i}-${this.#call[i]}`,
				agent_id: agentId,
				at
			};
			if (kind === 'call_ended') events.push({ ...ids, kind, talk_s: 60, hold_s: 0 });
			else if (kind === 'call_graded') events.push({ ...ids, kind, grade: 'B' });
			else events.push({ ...ids, kind });
			agents.push(agentId);
			this.#stage[i] = ((this.#stage[i] as number) + 1) % STAGES.length;
			if (this.#stage[i] === 0) this.#call[i] = (this.#call[i] as number) + 1;
		}
		return { events, agents };
	}
}
