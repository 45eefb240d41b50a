// Outbound callers (电开): while at their desk they dial the day's list one
// number after another. About two in five numbers answer; most who answer
// have no interest and hang up fast (grade D), a few want to visit (A). After
// each conversation the caller grades the lead and writes it up.
import type { AgentDesk, SimAgent } from './agent-desk.ts';
import type { Engine } from './engine.ts';
import type { EventLog } from './event-log.ts';
import type { Grade } from './ingest-event.ts';
import type { Rng } from './prng.ts';
import { clamp, lognormal } from './samplers.ts';

/** How each caller works today: list quality and personal pace differ. */
interface CallerTraits {
	connectRate: number;
	gradeA: number;
	/** Multiplies the pause between calls: below 1 is a brisk caller. */
	pace: number;
}

const TALK: Record<Grade, { medianS: number; sigma: number; acwMinS: number; acwMaxS: number }> = {
	D: { medianS: 40, sigma: 0.6, acwMinS: 6, acwMaxS: 18 },
	C: { medianS: 130, sigma: 0.5, acwMinS: 12, acwMaxS: 30 },
	B: { medianS: 220, sigma: 0.45, acwMinS: 20, acwMaxS: 45 },
	A: { medianS: 330, sigma: 0.4, acwMinS: 60, acwMaxS: 120 } // books the visit
};

export interface OutboundSetup {
	engine: Engine;
	desk: AgentDesk;
	log: EventLog;
	rng: Rng;
	queueId: string;
	active: Set<string>;
}

export class OutboundCalls {
	readonly #s: OutboundSetup;
	readonly #traits = new Map<string, CallerTraits>();

	constructor(setup: OutboundSetup) {
		this.#s = setup;
		const rng = setup.rng.fork('traits');
		for (const agent of setup.desk.agents) {
			if (!agent.roster.outbound) continue;
			this.#traits.set(agent.roster.id, {
				connectRate: rng.between(0.35, 0.45),
				gradeA: rng.between(0.03, 0.05),
				pace: rng.between(0.85, 1.35)
			});
		}
	}

	/** The caller is free: after a short pause (next number, a sip of tea) they dial. */
	onFree(agent: SimAgent): void {
		const traits = this.#traits.get(agent.roster.id);
		if (!traits) return;
		const epoch = agent.epoch;
		const pauseMs = Math.round(this.#s.rng.between(12, 26) * traits.pace * 1000);
		this.#s.engine.after(pauseMs, () => {
			if (agent.epoch === epoch && this.#s.desk.isFree(agent)) this.#dial(agent, traits);
		});
	}

	#grade(traits: CallerTraits): Grade {
		const roll = this.#s.rng.next();
		if (roll < traits.gradeA) return 'A';
		if (roll < traits.gradeA + 0.13) return 'B';
		if (roll < traits.gradeA + 0.13 + 0.28) return 'C';
		return 'D';
	}

	#dial(agent: SimAgent, traits: CallerTraits): void {
		const { engine, log, rng, desk, queueId, active } = this.#s;
		const callId = log.newCallId();
		const ids = { call_id: callId, queue_id: queueId, agent_id: agent.roster.id };
		agent.busy = true;
		active.add(callId);
		log.add('call_dialed', engine.now, ids);
		desk.setState(agent, 'on_call', { queueId });

		if (!rng.chance(traits.connectRate)) {
			// No answer after a long ring, or busy / switched off at once.
			const ringS = rng.chance(0.7) ? rng.between(20, 40) : rng.between(3, 8);
			engine.after(Math.round(ringS * 1000), () => {
				active.delete(callId);
				desk.release(agent);
			});
			return;
		}
		engine.after(Math.round(rng.between(5, 20) * 1000), () => {
			log.add('call_connected', engine.now, ids);
			const grade = this.#grade(traits);
			const talk = TALK[grade];
			const talkS = Math.round(clamp(lognormal(rng, talk.medianS, talk.sigma), 5, 1800));
			engine.after(talkS * 1000, () => {
				log.add('call_ended', engine.now, { ...ids, talk_s: talkS, hold_s: 0 });
				desk.setState(agent, 'wrap_up', { queueId });
				engine.after(rng.int(talk.acwMinS, talk.acwMaxS) * 1000, () => {
					log.add('call_graded', engine.now, { ...ids, grade });
					log.add('wrap_ended', engine.now, ids);
					active.delete(callId);
					desk.release(agent);
				});
			});
		});
	}
}
