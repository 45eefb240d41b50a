// Inbound calls: they arrive as a Poisson process following the day's curve,
// go to the longest-idle skilled agent or wait in line, ring for a few
// seconds, and are answered, or abandoned when the caller's patience runs out.
// Answered calls talk (with hold now and then), end, and leave the agent in
// after-call work before they are free again.
import type { AgentDesk, SimAgent } from './agent-desk.ts';
import type { Engine } from './engine.ts';
import type { EventLog } from './event-log.ts';
import type { Rng } from './prng.ts';
import { arrivalRate, maxArrivalRate, type QueueDemand } from './profile.ts';
import { clamp, exponential, lognormal, nextArrival } from './samplers.ts';

interface InboundCall {
	id: string;
	demand: QueueDemand;
	offeredAt: number;
	state: 'waiting' | 'ringing' | 'talking' | 'wrapping' | 'done';
	agent?: SimAgent;
}

export interface InboundSetup {
	engine: Engine;
	desk: AgentDesk;
	log: EventLog;
	rng: Rng;
	demand: readonly QueueDemand[];
	timeZone: string;
	/** Arrivals stop here (the end of the simulated day). */
	until: number;
	/** Each queue's level for the day, by queue id (demand-level.ts). */
	levels: ReadonlyMap<string, number>;
	/** Calls in progress, by id: shared with the outbound side. */
	active: Set<string>;
}

export class InboundCalls {
	readonly #s: InboundSetup;
	readonly #waiting = new Map<string, InboundCall[]>();

	constructor(setup: InboundSetup) {
		this.#s = setup;
		for (const d of setup.demand) this.#waiting.set(d.queueId, []);
	}

	start(): void {
		for (const demand of this.#s.demand) {
			this.#scheduleArrival(demand, this.#s.rng.fork(`arrivals:${demand.queueId}`), this.#s.engine.now);
		}
	}

	/** Callers waiting now, per queue. */
	waitingCount(queueId: string): number {
		return this.#waiting.get(queueId)?.length ?? 0;
	}

	/** A skilled agent became free: give them the caller who has waited longest in any of their queues. */
	offerWork(agent: SimAgent): void {
		let oldest: InboundCall | undefined;
		for (const queueId of agent.roster.skills) {
			const head = this.#waiting.get(queueId)?.[0];
			if (head && (!oldest || head.offeredAt < oldest.offeredAt)) oldest = head;
		}
		if (!oldest) return;
		this.#waiting.get(oldest.demand.queueId)?.shift();
		this.#ring(oldest, agent);
	}

	#scheduleArrival(demand: QueueDemand, rng: Rng, from: number): void {
		const { timeZone, until } = this.#s;
		const level = this.#s.levels.get(demand.queueId) ?? 0;
		const at = nextArrival(rng, from, until, maxArrivalRate(demand, level), (t) =>
			arrivalRate(demand, t, timeZone, level)
		);
		if (at === undefined) return;
		this.#s.engine.at(at, () => {
			this.#arrive(demand);
			this.#scheduleArrival(demand, rng, at);
		});
	}

	#arrive(demand: QueueDemand): void {
		const { engine, log, rng, desk } = this.#s;
		const call: InboundCall = { id: log.newCallId(), demand, offeredAt: engine.now, state: 'waiting' };
		this.#s.active.add(call.id);
		log.add('call_offered', engine.now, { call_id: call.id, queue_id: demand.queueId });
		const patienceMs = Math.round(exponential(rng, demand.patienceMeanS) * 1000);
		engine.after(patienceMs, () => this.#abandon(call));
		const agent = desk.longestIdle(demand.queueId);
		if (agent) this.#ring(call, agent);
		else this.#waiting.get(demand.queueId)?.push(call);
	}

	#ring(call: InboundCall, agent: SimAgent): void {
		call.state = 'ringing';
		call.agent = agent;
		agent.busy = true;
		// Most agents pick up on the first or second ring; "three rings" is 15 s.
		const ringMs = Math.round(clamp(lognormal(this.#s.rng, 4, 0.45), 1.5, 30) * 1000);
		this.#s.engine.after(ringMs, () => this.#answer(call));
	}

	#abandon(call: InboundCall): void {
		if (call.state !== 'waiting' && call.state !== 'ringing') return;
		const { engine, log } = this.#s;
		if (call.state === 'waiting') {
			const line = this.#waiting.get(call.demand.queueId) ?? [];
			line.splice(line.indexOf(call), 1);
		}
		const agent = call.state === 'ringing' ? call.agent : undefined;
		call.state = 'done';
		call.agent = undefined;
		this.#s.active.delete(call.id);
		log.add('call_abandoned', engine.now, { call_id: call.id, queue_id: call.demand.queueId });
		if (agent) {
			// The agent never left "available"; they simply take the next caller.
			agent.busy = false;
			if (agent.pending) this.#s.desk.release(agent);
			else this.offerWork(agent);
		}
	}

	#answer(call: InboundCall): void {
		const agent = call.agent;
		if (call.state !== 'ringing' || !agent) return;
		const { engine, log, rng, desk } = this.#s;
		const { demand } = call;
		call.state = 'talking';
		const ids = { call_id: call.id, queue_id: demand.queueId, agent_id: agent.roster.id };
		log.add('call_answered', engine.now, ids);
		desk.setState(agent, 'on_call', { queueId: demand.queueId });
		const talkS = Math.round(clamp(lognormal(rng, demand.talkMedianS, demand.talkSigma), 15, 3600));
		const holdS = rng.chance(demand.holdChance)
			? Math.round(clamp(lognormal(rng, demand.holdMedianS, 0.6), 5, 600))
			: 0;
		engine.after((talkS + holdS) * 1000, () => {
			call.state = 'wrapping';
			log.add('call_ended', engine.now, { ...ids, talk_s: talkS, hold_s: holdS });
			desk.setState(agent, 'wrap_up', { queueId: demand.queueId });
			const acwS = rng.int(demand.acwMinS, demand.acwMaxS);
			engine.after(acwS * 1000, () => {
				call.state = 'done';
				this.#s.active.delete(call.id);
				log.add('wrap_ended', engine.now, ids);
				desk.release(agent);
			});
		});
	}
}
