// One simulated day at the call center, from local midnight to midnight: the
// agents' shifts, inbound traffic and outbound dialling on one event agenda.
// A day is a pure function of (seed, day, schedule): the lines close in the
// evening, and a night shift running past midnight is planned from the shift
// alone, so the day after picks it up where it was (the agent is logged in
// again at midnight, in the state the plan has them in). Any start time
// within the day replays the same story.
//
// Agents follow the site's published schedule for the day when there is one
// (scheduled-shift.ts): an agent with no shift that day stays home. Only a
// day with no published schedule falls back to fixed hours (shifts.ts).
import { AgentDesk, type SimAgent } from './agent-desk.ts';
import { demandLevel } from './demand-level.ts';
import type { RosterAgent } from './demo-site.ts';
import { Engine } from './engine.ts';
import { EventLog } from './event-log.ts';
import { InboundCalls } from './inbound-calls.ts';
import type { IngestEvent } from './ingest-event.ts';
import { OutboundCalls } from './outbound-calls.ts';
import { createRng, type Rng } from './prng.ts';
import type { QueueDemand } from './profile.ts';
import type { DaySchedule } from './published-schedule.ts';
import { planScheduledShift, shiftLabel } from './scheduled-shift.ts';
import { planAgentDay, worksFixedHours, type AgentDayPlan } from './shifts.ts';
import { weeklyCalendar, type DayKind } from './site-calendar.ts';
import type { SiteDay } from './site-time.ts';

export interface DayOptions {
	seed: number | string;
	day: SiteDay;
	siteId: string;
	agents: readonly RosterAgent[];
	demand: readonly QueueDemand[];
	/** Ids are `sim:<seed>:<runId>:<n>`; default: the day's date. */
	runId?: string;
	/** The published schedule of the day; none: fixed hours, each agent's habitual rest days off. */
	schedule?: DaySchedule | null;
	/** The kind of day in the site calendar; default: Saturday and Sunday are the weekend, no holidays. */
	kind?: DayKind;
}

export class DaySimulation {
	readonly day: SiteDay;
	readonly desk: AgentDesk;
	readonly #engine: Engine;
	readonly #log: EventLog;
	readonly #active = new Set<string>();

	constructor(options: DayOptions) {
		const { day, seed } = options;
		const kind = options.kind ?? weeklyCalendar.kindOf(day.key);
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
			levels: dayLevels(options.demand, day, kind, Math.exp(0.08 * rng.fork('day').gaussian())),
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
		if (options.schedule) this.#followSchedule(options.schedule, seed);
		else this.#planFixedHours(rng.fork('shifts'), kind);
	}

	#planFixedHours(rng: Rng, kind: DayKind): void {
		for (const agent of this.desk.agents) {
			// Every agent's plan is drawn, worked or not, so a day off leaves the others' plans as they were.
			const plan = planAgentDay(agent.roster, this.day, rng);
			if (worksFixedHours(agent.roster, this.day, kind)) this.#work(agent, plan, this.day.key);
		}
	}

	#followSchedule(schedule: DaySchedule, seed: number | string): void {
		const byId = new Map(this.desk.agents.map((a) => [a.roster.id, a]));
		for (const shift of schedule.shifts) {
			// A shift of someone the simulator does not play (an agent added since) stays unworked.
			const agent = byId.get(shift.agentId);
			if (agent) this.#work(agent, planScheduledShift(agent.roster, shift, seed), shiftLabel(shift));
		}
	}

	/** Puts the part of a plan that falls in this day on the agenda; what began before midnight resumes at it. */
	#work(agent: SimAgent, plan: AgentDayPlan, shift: string): void {
		const { start, end } = this.day;
		if (plan.logoutAt <= start || plan.loginAt >= end) return;
		this.#engine.at(Math.max(plan.loginAt, start), () => this.desk.login(agent, shift));
		for (const spell of plan.away) {
			const until = spell.at + spell.durationS * 1000;
			if (until <= start) continue;
			const resumed =
				spell.at >= start ? spell : { ...spell, at: start, durationS: Math.round((until - start) / 1000) };
			this.#engine.at(resumed.at, () => this.desk.requestAway(agent, resumed, shift));
		}
		this.#engine.at(plan.logoutAt, () => this.desk.requestLogout(agent, shift));
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

function dayLevels(
	demand: readonly QueueDemand[],
	day: SiteDay,
	kind: DayKind,
	variation: number
): Map<string, number> {
	return new Map(demand.map((d) => [d.queueId, demandLevel(d, day.key, kind, variation)]));
}
