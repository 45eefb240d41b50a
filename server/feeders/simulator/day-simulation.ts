// One simulated day at the call center, from local midnight to midnight: the
// agents' shifts, inbound traffic and outbound dialling on one event agenda.
// A day is a pure function of (seed, day): nothing carries over from the day
// before (the lines close in the evening and everyone goes home), so any
// start time within the day replays the same story.
import { AgentDesk } from './agent-desk.ts';
import type { RosterAgent } from './demo-site.ts';
import { Engine } from './engine.ts';
import { EventLog } from './event-log.ts';
import { InboundCalls } from './inbound-calls.ts';
import type { IngestEvent } from './ingest-event.ts';
import { OutboundCalls } from './outbound-calls.ts';
import { createRng, type Rng } from './prng.ts';
import type { QueueDemand } from './profile.ts';
import { planAgentDay } from './shifts.ts';
import type { SiteDay } from './site-time.ts';

export interface DayOptions {
	seed: number | string;
	day: SiteDay;
	siteId: string;
	agents: readonly RosterAgent[];
	demand: readonly QueueDemand[];
	/** Ids are `sim:<seed>:<runId>:<n>`; default: the day's date. */
	runId?: string;
}

export class DaySimulation {
	readonly day: SiteDay;
	readonly desk: AgentDesk;
	readonly #engine: Engine;
	readonly #log: EventLog;
	readonly #active = new Set<string>();

	constructor(options: DayOptions) {
		const { day, seed } = options;
		this.day = day;
		const rng = createRng(`${seed}:${day.key}`);
		this.#engine = new Engine(day.start);
		this.#log = new EventLog(`sim:${seed}:${options.runId ?? day.key}`, options.siteId);

		let outbound: OutboundCalls | undefined;
		this.desk = new AgentDesk(this.#engine, this.#log, options.agents, (agent) => {
			if (agent.roster.outbound) outbound?.onFree(agent);
			else inbound.offerWork(agent);
		});
		const inbound = new InboundCalls({
			engine: this.#engine,
			desk: this.desk,
			log: this.#log,
			rng: rng.fork('inbound'),
			demand: options.demand,
			timeZone: day.timeZone,
			until: day.end,
			dayFactor: Math.exp(0.08 * rng.fork('day').gaussian()),
			active: this.#active
		});
		const campaign = options.agents.find((a) => a.outbound)?.skills[0];
		if (campaign) {
			outbound = new OutboundCalls({
				engine: this.#engine,
				desk: this.desk,
				log: this.#log,
				rng: rng.fork('outbound'),
				queueId: campaign,
				active: this.#active
			});
		}
		inbound.start();
		this.#planShifts(rng.fork('shifts'));
	}

	#planShifts(rng: Rng): void {
		for (const agent of this.desk.agents) {
			const plan = planAgentDay(agent.roster, this.day, rng);
			this.#engine.at(plan.loginAt, () => this.desk.login(agent));
			for (const spell of plan.away) this.#engine.at(spell.at, () => this.desk.requestAway(agent, spell));
			this.#engine.at(plan.logoutAt, () => this.desk.requestLogout(agent));
		}
	}

	/** When the next happening is due; undefined once the day is over. */
	peekTime(): number | undefined {
		const at = this.#engine.peekTime();
		return at !== undefined && at < this.day.end ? at : undefined;
	}

	/** Runs the next happening and returns the events it produced (often none). */
	step(): IngestEvent[] {
		if (this.peekTime() === undefined) return [];
		this.#engine.step();
		return this.#log.take();
	}

	/** Runs every happening due before `until` and returns their events. */
	runUntil(until: number): IngestEvent[] {
		const out: IngestEvent[] = [];
		for (let at = this.peekTime(); at !== undefined && at < until; at = this.peekTime()) {
			for (const event of this.step()) out.push(event);
		}
		return out;
	}

	/** Calls offered or dialled and not yet finished. */
	activeCallIds(): ReadonlySet<string> {
		return this.#active;
	}
}
