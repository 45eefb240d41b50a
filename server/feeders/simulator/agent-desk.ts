// Agents' states through the day and the rules between them: a break, lunch
// or the end of the shift never cuts a call short; it waits until the agent
// is free (after-call work done), then starts. Every change is an agent_state
// event. Requests name the shift they belong to, so that an agent can work
// two shifts in one simulated day (the end of last night's, and tonight's)
// and a late request of one shift never touches the other.
import type { RosterAgent } from './demo-site.ts';
import type { Engine } from './engine.ts';
import type { EventLog } from './event-log.ts';
import type { AgentStateName } from './ingest-event.ts';
import type { AwaySpell, AwayState } from './shifts.ts';

interface Pending {
	/** 'offline': the end of the shift. */
	state: AwayState | 'offline';
	durationS: number;
	reason?: string;
}

export interface SimAgent {
	readonly roster: RosterAgent;
	state: AgentStateName;
	loggedIn: boolean;
	/** The shift the agent works or last worked (any label the planner gives). */
	shift: string | undefined;
	/** That shift is over: its later requests are ignored. */
	done: boolean;
	/** A call rings at, talks with or is being dialled by this agent. */
	busy: boolean;
	/** When the agent last became available: routing prefers the longest idle. */
	idleSince: number;
	/** Changes whenever the agent's situation changes, so stale scheduled work can tell. */
	epoch: number;
	pending: Pending | undefined;
}

// A lunch is worth more than a short break; the end of the shift beats both.
const PRIORITY: Record<Pending['state'], number> = { break: 1, meeting: 2, lunch: 3, split: 3, offline: 4 };

export class AgentDesk {
	readonly agents: SimAgent[];
	readonly #engine: Engine;
	readonly #log: EventLog;
	readonly #onFree: (agent: SimAgent) => void;

	constructor(engine: Engine, log: EventLog, roster: readonly RosterAgent[], onFree: (agent: SimAgent) => void) {
		this.#engine = engine;
		this.#log = log;
		this.#onFree = onFree;
		this.agents = roster.map((r) => ({
			roster: r,
			state: 'offline',
			loggedIn: false,
			shift: undefined,
			done: false,
			busy: false,
			idleSince: 0,
			epoch: 0,
			pending: undefined
		}));
	}

	isFree(agent: SimAgent): boolean {
		return agent.loggedIn && !agent.busy && agent.state === 'available';
	}

	/** The free agent skilled for the queue who has waited longest for a call. */
	longestIdle(queueId: string): SimAgent | undefined {
		let best: SimAgent | undefined;
		for (const agent of this.agents) {
			if (!this.isFree(agent) || !agent.roster.skills.includes(queueId)) continue;
			if (!best || agent.idleSince < best.idleSince) best = agent;
		}
		return best;
	}

	setState(agent: SimAgent, state: AgentStateName, extra: { queueId?: string; reason?: string } = {}): void {
		agent.state = state;
		agent.epoch += 1;
		this.#log.add('agent_state', this.#engine.now, {
			agent_id: agent.roster.id,
			state,
			...(extra.queueId ? { queue_id: extra.queueId } : {}),
			...(extra.reason ? { reason: extra.reason } : {})
		});
	}

	#isOn(agent: SimAgent, shift: string): boolean {
		return agent.shift === shift && !agent.done;
	}

	login(agent: SimAgent, shift: string): void {
		if (agent.loggedIn || (agent.shift === shift && agent.done)) return;
		agent.shift = shift;
		agent.done = false;
		agent.loggedIn = true;
		this.release(agent);
	}

	requestAway(agent: SimAgent, spell: AwaySpell, shift: string): void {
		if (!agent.loggedIn || !this.#isOn(agent, shift)) return; // came in after it, or already gone
		const wanted: Pending = { state: spell.state, durationS: spell.durationS, reason: spell.reason };
		if (this.isFree(agent)) return this.#goAway(agent, wanted);
		if (!agent.pending || PRIORITY[wanted.state] > PRIORITY[agent.pending.state]) agent.pending = wanted;
	}

	requestLogout(agent: SimAgent, shift: string): void {
		if (agent.shift === shift && agent.done) return;
		if (!agent.loggedIn) {
			// Never came in, or out in a split shift's gap: either way the shift is over.
			agent.shift = shift;
			agent.done = true;
			return;
		}
		if (agent.shift !== shift) return; // another shift is on
		const away = agent.state === 'break' || agent.state === 'lunch' || agent.state === 'meeting';
		if (this.isFree(agent) || away) return this.#goOffline(agent);
		agent.pending = { state: 'offline', durationS: 0 };
	}

	/** The agent finished what they were doing: take what is pending, or become available. */
	release(agent: SimAgent): void {
		agent.busy = false;
		const pending = agent.pending;
		agent.pending = undefined;
		if (pending?.state === 'offline') return this.#goOffline(agent);
		if (pending) return this.#goAway(agent, pending);
		this.setState(agent, 'available');
		agent.idleSince = this.#engine.now;
		this.#onFree(agent);
	}

	#goAway(agent: SimAgent, spell: Pending): void {
		if (spell.state === 'offline') return this.#goOffline(agent);
		if (spell.state === 'split') return this.#signOutFor(agent, spell.durationS);
		this.setState(agent, spell.state, { reason: spell.reason });
		const epoch = agent.epoch;
		this.#engine.after(spell.durationS * 1000, () => {
			if (agent.epoch === epoch && agent.loggedIn) this.release(agent);
		});
	}

	/** Out for a split shift's gap; back unless the shift ended meanwhile. */
	#signOutFor(agent: SimAgent, durationS: number): void {
		agent.loggedIn = false;
		this.setState(agent, 'offline');
		const epoch = agent.epoch;
		this.#engine.after(durationS * 1000, () => {
			if (agent.epoch !== epoch || agent.done || agent.loggedIn) return;
			agent.loggedIn = true;
			this.release(agent);
		});
	}

	#goOffline(agent: SimAgent): void {
		agent.pending = undefined;
		agent.loggedIn = false;
		agent.done = true;
		this.setState(agent, 'offline');
	}
}
