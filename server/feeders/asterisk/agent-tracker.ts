// What queue_log does not say outright about an agent, reconstructed line by
// line: which queues they are a member of, whether they are on a call, paused,
// or in after-call work. It turns member lines into agent_state events and
// decides when after-call work ends, since queue_log never logs that.
//
// After-call work: a call's end starts `wrap_up` for the queue's `wrapup_s`
// (queues.conf wrapuptime; 0 when not configured). The wrap ends at
// end + wrapup_s, or earlier when the agent's next state change comes first
// (another queue's call, a pause, a logoff): then `wrap_ended` takes that
// moment and the new state follows, so the after-call seconds count only the
// time really spent. With wrapup_s 0 the wrap ends at the call's end and no
// zero-length `wrap_up` state is sent: it would only tie with the `available`
// at the same instant, and the ingest would have to guess which came last.
import type { AgentStateName, IngestEvent } from '../../events/schema.ts';

interface PendingWrap {
	callId: string;
	queueId: string;
	endEpoch: number;
	idBase: string;
}

interface AgentRecord {
	/** Queues joined with ADDMEMBER, plus LOGIN_KEY after AGENTLOGIN. */
	memberships: Set<string>;
	onCall: boolean;
	/** A pause that arrived during a call takes effect when the call (and its wrap) ends. */
	paused?: { state: AgentStateName; reason?: string };
	last?: { state: AgentStateName; reason?: string };
	/** When the last agent_state sent for the agent happened, in ms. */
	lastAtMs?: number;
	wrap?: PendingWrap;
}

const LOGIN_KEY = '\0agent-login';

export function isoAt(epoch: number): string {
	return isoAtMs(Math.round(epoch * 1000));
}

function isoAtMs(ms: number): string {
	return new Date(ms).toISOString();
}

export class AgentTracker {
	readonly #siteId: string;
	readonly #agents = new Map<string, AgentRecord>();

	constructor(siteId: string) {
		this.#siteId = siteId;
	}

	#agent(agentId: string): AgentRecord {
		let record = this.#agents.get(agentId);
		if (!record) {
			record = { memberships: new Set(), onCall: false };
			this.#agents.set(agentId, record);
		}
		return record;
	}

	/** Ends every wrap whose time is up by `epoch` (the clock of the line being read, or the wall clock). */
	due(epoch: number): IngestEvent[] {
		const ready = [...this.#agents.entries()]
			.filter(([, a]) => a.wrap && a.wrap.endEpoch <= epoch)
			.sort(([, a], [, b]) => (a.wrap?.endEpoch ?? 0) - (b.wrap?.endEpoch ?? 0));
		return ready.flatMap(([agentId]) => this.#finishWrap(agentId));
	}

	/** Ends every wrap still open, at its planned end (the input is over). */
	finishAll(): IngestEvent[] {
		return this.due(Number.POSITIVE_INFINITY);
	}

	#finishWrap(agentId: string): IngestEvent[] {
		const agent = this.#agent(agentId);
		const wrap = agent.wrap;
		if (!wrap) return [];
		agent.wrap = undefined;
		const out: IngestEvent[] = [this.#wrapEnded(agentId, wrap, wrap.endEpoch)];
		const next = agent.paused ?? { state: 'available' as const };
		out.push(
			...this.#state(agentId, wrap.endEpoch, next.state, next.reason, wrap.queueId, `${wrap.idBase}:after_wrap`)
		);
		return out;
	}

	#wrapEnded(agentId: string, wrap: PendingWrap, epoch: number): IngestEvent {
		return {
			event_id: `${wrap.idBase}:wrap_ended`,
			site_id: this.#siteId,
			kind: 'wrap_ended',
			call_id: wrap.callId,
			queue_id: wrap.queueId,
			agent_id: agentId,
			at: isoAt(epoch)
		};
	}

	/** A state change; cuts an open wrap short and drops a repeat of the state the agent already has. */
	#state(
		agentId: string,
		epoch: number,
		state: AgentStateName,
		reason: string | undefined,
		queueId: string | undefined,
		eventId: string
	): IngestEvent[] {
		const agent = this.#agent(agentId);
		const out: IngestEvent[] = [];
		if (agent.wrap) {
			out.push(this.#wrapEnded(agentId, agent.wrap, epoch));
			agent.wrap = undefined;
		}
		// PAUSE is logged once per queue (plus PAUSEALL): one state change, not three.
		if (agent.last?.state === state && agent.last.reason === reason) return out;
		agent.last = { state, reason };
		// queue_log has whole seconds, and the ingest orders one agent's states by time, then by
		// event_id (a hash): two states in the same second (a call ends, a pause follows) are
		// sent 1 ms apart so the later line stays the later state.
		let atMs = Math.round(epoch * 1000);
		const lastMs = agent.lastAtMs;
		if (lastMs !== undefined && atMs <= lastMs && lastMs - atMs < 1000) atMs = lastMs + 1;
		agent.lastAtMs = atMs;
		out.push({
			event_id: eventId,
			site_id: this.#siteId,
			kind: 'agent_state',
			agent_id: agentId,
			state,
			...(reason === undefined ? {} : { reason }),
			...(queueId === undefined ? {} : { queue_id: queueId }),
			at: isoAtMs(atMs)
		});
		return out;
	}

	callStarted(agentId: string, queueId: string, epoch: number, idBase: string): IngestEvent[] {
		this.#agent(agentId).onCall = true;
		return this.#state(agentId, epoch, 'on_call', undefined, queueId, `${idBase}:on_call`);
	}

	callEnded(agentId: string, queueId: string, callId: string, epoch: number, wrapupS: number, idBase: string) {
		const agent = this.#agent(agentId);
		agent.onCall = false;
		const wrap: PendingWrap = { callId, queueId, endEpoch: epoch + wrapupS, idBase };
		if (wrapupS > 0) {
			const out = this.#state(agentId, epoch, 'wrap_up', undefined, queueId, `${idBase}:wrap_up`);
			agent.wrap = wrap;
			return out;
		}
		agent.wrap = wrap;
		return this.#finishWrap(agentId);
	}

	pause(
		agentId: string,
		state: AgentStateName,
		reason: string | undefined,
		queueId: string | undefined,
		epoch: number,
		idBase: string
	) {
		const agent = this.#agent(agentId);
		agent.paused = { state, reason };
		// Asterisk lets an agent pause mid-call; the pause only takes effect when the call is over.
		if (agent.onCall) return [];
		return this.#state(agentId, epoch, state, reason, queueId, `${idBase}:state`);
	}

	unpause(agentId: string, queueId: string | undefined, epoch: number, idBase: string): IngestEvent[] {
		const agent = this.#agent(agentId);
		agent.paused = undefined;
		if (agent.onCall) return [];
		return this.#state(agentId, epoch, 'available', undefined, queueId, `${idBase}:state`);
	}

	/** ADDMEMBER (key = queue name) or AGENTLOGIN (no key): available when it is the agent's first membership. */
	joined(agentId: string, queueName: string | undefined, queueId: string | undefined, epoch: number, idBase: string) {
		const agent = this.#agent(agentId);
		const wasOut = agent.memberships.size === 0;
		agent.memberships.add(queueName ?? LOGIN_KEY);
		if (!wasOut) return [];
		agent.paused = undefined;
		return this.#state(agentId, epoch, 'available', undefined, queueId, `${idBase}:state`);
	}

	/**
	 * REMOVEMEMBER (key = queue name) or AGENTLOGOFF (no key: every membership ends).
	 * Offline only when no membership is left. Memberships made before the file
	 * starts are unknown, so a REMOVEMEMBER then may report offline too early.
	 */
	left(agentId: string, queueName: string | undefined, queueId: string | undefined, epoch: number, idBase: string) {
		const agent = this.#agent(agentId);
		if (queueName === undefined) agent.memberships.clear();
		else agent.memberships.delete(queueName);
		if (agent.memberships.size > 0) return [];
		agent.onCall = false;
		agent.paused = undefined;
		return this.#state(agentId, epoch, 'offline', undefined, queueId, `${idBase}:state`);
	}
}
