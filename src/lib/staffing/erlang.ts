// Erlang B, C and A for staffing a queue per interval: the one module the
// browser (requirements, coverage heatmap) and the tests use.
//
// Numerics: Erlang B by its recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)),
// which only ever holds numbers in [0, 1], and Erlang C from it,
// C = n·B / (n − A·(1 − B)); no factorials or powers, so intensities in the
// thousands stay finite. Erlang A is in erlang-a-state.ts.
//
// Units: calls per interval, seconds for every duration; the intensity
// A = calls × AHT / interval is in Erlangs (agents' worth of work).
import { erlangAState } from './erlang-a-state.ts';
import { aboveZero, atLeastZero, fractionIn, wholeCount } from './erlang-input.ts';

export interface TrafficInput {
	/** Calls offered in the interval (≥ 0; 0 needs no agents). */
	calls: number;
	ahtSeconds: number;
	intervalSeconds: number;
}

export interface QueueInput extends TrafficInput {
	/** The service-level threshold: answered within this many seconds. */
	targetSeconds: number;
}

export interface AbandoningQueueInput extends QueueInput {
	/** Mean time a caller waits before hanging up (exponential patience). */
	patienceSeconds: number;
}

export interface StaffingGoal {
	/** Share of calls to answer within targetSeconds, in [0, 1]. */
	serviceLevel: number;
	/** Highest share of time agents may spend on calls, in (0, 1]; default 1. */
	maxOccupancy?: number;
	/** Share of paid time not available for calls, in [0, 1); default 0. */
	shrinkage?: number;
}

export interface Staffing {
	/** Agents on the phones: the fewest meeting the SL goal, raised until occupancy ≤ max. */
	rawAgents: number;
	/** Agents to schedule: ceil(rawAgents / (1 − shrinkage)). */
	agents: number;
	/** The figures below are those of rawAgents. */
	serviceLevel: number;
	occupancy: number;
	waitProbability: number;
	asaSeconds: number;
}

export interface ErlangC {
	/** Offered load in Erlangs. */
	readonly intensity: number;
	/** An arriving call has to wait. Throws unless agents > intensity (no steady state otherwise). */
	waitProbability(agents: number): number;
	/** Share answered within targetSeconds. Same domain as waitProbability. */
	serviceLevel(agents: number): number;
	/** Mean wait over all calls (every call is answered in Erlang C), in seconds. */
	asaSeconds(agents: number): number;
	/** intensity / agents. */
	occupancy(agents: number): number;
	requiredAgents(goal: StaffingGoal): Staffing;
}

export interface ErlangB {
	readonly intensity: number;
	/** Share of calls that find every line busy and are lost (any lines ≥ 0). */
	blocking(lines: number): number;
	/** Fewest lines with blocking ≤ maxBlocking, maxBlocking in (0, 1]. */
	requiredLines(maxBlocking: number): number;
}

type ErlangAFigures = Omit<ErlangAStaffing, 'rawAgents' | 'agents'>;

export interface ErlangAStaffing extends Staffing {
	abandonProbability: number;
}

export interface ErlangA {
	readonly intensity: number;
	/**
	 * An arriving call finds every agent busy. Defined for any agents ≥ 1, also
	 * at or below the intensity: abandonment keeps the queue finite.
	 */
	waitProbability(agents: number): number;
	/** Answered within targetSeconds over all offered calls; a call that abandons counts as missed. */
	serviceLevel(agents: number): number;
	/** Mean wait of the answered calls (what an ACD reports as ASA), in seconds. */
	asaSeconds(agents: number): number;
	/** Answered work per agent: intensity × (1 − abandonProbability) / agents. */
	occupancy(agents: number): number;
	/** An arriving call hangs up before an agent answers. */
	abandonProbability(agents: number): number;
	/** As Erlang C's; the result may be at or below the intensity. */
	requiredAgents(goal: StaffingGoal): ErlangAStaffing;
}

// Comparisons with decimal inputs (0.85, 30 %) that binary floating point only
// approximates: 3 / (1 − 0.8) computes as 15.000000000000004, which must not
// become 16 agents.
const SLACK = 1e-9;

function intensityOf(input: TrafficInput): number {
	const calls = atLeastZero('calls', input.calls);
	const aht = aboveZero('ahtSeconds', input.ahtSeconds);
	const interval = aboveZero('intervalSeconds', input.intervalSeconds);
	return (calls * aht) / interval;
}

function goalOf(goal: StaffingGoal) {
	return {
		serviceLevel: fractionIn('serviceLevel', goal.serviceLevel, '[0, 1]'),
		maxOccupancy: fractionIn('maxOccupancy', goal.maxOccupancy ?? 1, '(0, 1]'),
		shrinkage: fractionIn('shrinkage', goal.shrinkage ?? 0, '[0, 1)')
	};
}

const scheduledFor = (rawAgents: number, shrinkage: number) => Math.ceil(rawAgents / (1 - shrinkage) - SLACK);

function nextBlocking(intensity: number, lines: number, previous: number): number {
	return (intensity * previous) / (lines + intensity * previous);
}

function blockingOf(intensity: number, lines: number): number {
	let b = 1;
	for (let n = 1; n <= lines; n++) b = nextBlocking(intensity, n, b);
	return b;
}

/** Erlang C from Erlang B for n > A. */
const delayOf = (intensity: number, agents: number, blocking: number) =>
	(agents * blocking) / (agents - intensity * (1 - blocking));

// The models are classes, not objects of closures: a week's requirements
// build one model per interval and queue (13,440 for 20 queues), and methods
// on a prototype cost nothing per model.

class ErlangBModel implements ErlangB {
	readonly intensity: number;

	constructor(input: TrafficInput) {
		this.intensity = intensityOf(input);
	}

	blocking(lines: number): number {
		return blockingOf(this.intensity, wholeCount('lines', lines));
	}

	requiredLines(maxBlocking: number): number {
		fractionIn('maxBlocking', maxBlocking, '(0, 1]');
		if (this.intensity === 0) return 0;
		let lines = 0;
		let b = 1;
		while (b > maxBlocking) b = nextBlocking(this.intensity, ++lines, b);
		return lines;
	}
}

type ErlangCFigures = Omit<Staffing, 'rawAgents' | 'agents'>;

class ErlangCModel implements ErlangC {
	readonly intensity: number;
	readonly #aht: number;
	readonly #target: number;

	constructor(input: QueueInput) {
		this.intensity = intensityOf(input);
		this.#aht = input.ahtSeconds;
		this.#target = aboveZero('targetSeconds', input.targetSeconds);
	}

	waitProbability(agents: number): number {
		return this.#at(agents).waitProbability;
	}

	serviceLevel(agents: number): number {
		return this.#at(agents).serviceLevel;
	}

	asaSeconds(agents: number): number {
		return this.#at(agents).asaSeconds;
	}

	occupancy(agents: number): number {
		return this.#at(agents).occupancy;
	}

	requiredAgents(raw: StaffingGoal): Staffing {
		const goal = goalOf(raw);
		const a = this.intensity;
		if (a === 0) return { rawAgents: 0, agents: 0, ...this.#at(0) };
		// The search starts near the intensity, not at one agent: at the first
		// stable count above it, or at a / maxOccupancy when that is higher
		// (no fewer agents can meet the occupancy cap). Erlang B up to there is
		// one pass of the recurrence; each further agent costs one more step.
		const fewest = Math.max(Math.floor(a) + 1, Math.floor(a / (goal.maxOccupancy + SLACK)));
		let n = fewest - 1;
		let b = blockingOf(a, n);
		do b = nextBlocking(a, ++n, b);
		while (this.#serviceLevelOf(n, b) < goal.serviceLevel || a / n > goal.maxOccupancy + SLACK);
		return { rawAgents: n, agents: scheduledFor(n, goal.shrinkage), ...this.#figures(n, b) };
	}

	#at(agents: number): ErlangCFigures {
		wholeCount('agents', agents);
		if (this.intensity === 0) return { waitProbability: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
		if (agents <= this.intensity) {
			throw new RangeError(
				`agents must be more than the intensity (${this.intensity} Erlangs) in Erlang C, got ${agents}: the queue has no steady state`
			);
		}
		return this.#figures(agents, blockingOf(this.intensity, agents));
	}

	#serviceLevelOf(n: number, blocking: number): number {
		const a = this.intensity;
		return 1 - delayOf(a, n, blocking) * Math.exp((-(n - a) * this.#target) / this.#aht);
	}

	/** Every figure at n agents from the Erlang B value at n. */
	#figures(n: number, blocking: number): ErlangCFigures {
		const a = this.intensity;
		const wait = delayOf(a, n, blocking);
		return {
			waitProbability: wait,
			serviceLevel: this.#serviceLevelOf(n, blocking),
			asaSeconds: (wait * this.#aht) / (n - a),
			occupancy: a / n
		};
	}
}

class ErlangAModel implements ErlangA {
	readonly intensity: number;
	readonly #aht: number;
	readonly #targetAht: number;
	readonly #patienceRatio: number;
	// The chain is solved once for all five figures: callers (the heatmap) ask
	// for them one after another at the same count.
	#last: { agents: number; figures: ErlangAFigures } | undefined;

	constructor(input: AbandoningQueueInput) {
		this.intensity = intensityOf(input);
		this.#aht = input.ahtSeconds;
		this.#targetAht = aboveZero('targetSeconds', input.targetSeconds) / this.#aht;
		this.#patienceRatio = this.#aht / aboveZero('patienceSeconds', input.patienceSeconds);
	}

	waitProbability(agents: number): number {
		return this.#at(agents).waitProbability;
	}

	serviceLevel(agents: number): number {
		return this.#at(agents).serviceLevel;
	}

	asaSeconds(agents: number): number {
		return this.#at(agents).asaSeconds;
	}

	occupancy(agents: number): number {
		return this.#at(agents).occupancy;
	}

	abandonProbability(agents: number): number {
		return this.#at(agents).abandonProbability;
	}

	requiredAgents(raw: StaffingGoal): ErlangAStaffing {
		const goal = goalOf(raw);
		if (this.intensity === 0) return { rawAgents: 0, agents: 0, ...this.#at(0) };
		const meets = (f: ErlangAFigures) =>
			f.serviceLevel >= goal.serviceLevel && f.occupancy <= goal.maxOccupancy + SLACK;
		// Service level rises and occupancy falls with every agent, so the
		// answer is the first count that meets both. Abandonment can put it
		// below the intensity: start at the intensity and walk down while the
		// goal still holds, or up until it does.
		let n = Math.max(1, Math.ceil(this.intensity));
		let found = this.#at(n);
		if (meets(found)) {
			while (n > 1) {
				const fewer = this.#at(n - 1);
				if (!meets(fewer)) break;
				n -= 1;
				found = fewer;
			}
		} else {
			do found = this.#at(++n);
			while (!meets(found));
		}
		return { rawAgents: n, agents: scheduledFor(n, goal.shrinkage), ...found };
	}

	#at(agents: number): ErlangAFigures {
		wholeCount('agents', agents);
		if (this.intensity === 0) {
			return { waitProbability: 0, abandonProbability: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
		}
		if (agents === 0) throw new RangeError('agents must be at least 1 in Erlang A when calls are offered, got 0');
		if (this.#last?.agents !== agents) {
			const state = erlangAState(this.intensity, agents, this.#patienceRatio, this.#targetAht);
			const figures = {
				waitProbability: state.waitProbability,
				abandonProbability: state.abandonProbability,
				serviceLevel: state.serviceLevel,
				asaSeconds: state.answeredWaitAht * this.#aht,
				occupancy: state.occupancy
			};
			this.#last = { agents, figures };
		}
		return this.#last.figures;
	}
}

export const erlangB = (input: TrafficInput): ErlangB => new ErlangBModel(input);
export const erlangC = (input: QueueInput): ErlangC => new ErlangCModel(input);
export const erlangA = (input: AbandoningQueueInput): ErlangA => new ErlangAModel(input);
