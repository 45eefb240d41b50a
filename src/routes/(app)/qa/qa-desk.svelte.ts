// The scoring desk's state: the agent chosen, their recent calls and the call
// being scored. Calls load when an agent is chosen and again after a save
// (so the scored call shows its total); an answer for an agent no longer
// chosen is dropped.
import { fetchRecentCalls, type QaCall } from '$lib/data/qa';
import { errorText } from '$lib/errors';
import type { AppSupabaseClient } from '$lib/supabase';

export class QaDesk {
	agentId = $state('');
	calls = $state.raw<QaCall[]>([]);
	call = $state.raw<QaCall | null>(null);
	loading = $state(false);
	problem = $state('');
	#client: AppSupabaseClient;
	#asked = 0;

	constructor(client: AppSupabaseClient) {
		this.#client = client;
	}

	async pickAgent(agentId: string): Promise<void> {
		this.agentId = agentId;
		this.call = null;
		this.calls = [];
		await this.reload();
	}

	pickCall(call: QaCall): void {
		this.call = call;
	}

	/** Reads the chosen agent's calls again; the call being scored stays chosen. */
	async reload(): Promise<void> {
		const agentId = this.agentId;
		const asked = ++this.#asked;
		if (!agentId) return;
		this.loading = true;
		this.problem = '';
		try {
			const calls = await fetchRecentCalls(this.#client, agentId);
			if (asked !== this.#asked) return;
			this.calls = calls;
			const current = this.call;
			this.call = current
				? (calls.find((c) => c.queueId === current.queueId && c.callId === current.callId) ?? null)
				: null;
		} catch (err) {
			if (asked === this.#asked) this.problem = errorText(err);
		} finally {
			if (asked === this.#asked) this.loading = false;
		}
	}
}
