// The service a rota would give: per interval, the forecast load against the
// agents scheduled, through the same Erlang module that sets the requirement
// (what the coverage heatmap shows beside required vs scheduled).
//
//   projectService({ calls: 100, ahtSeconds: 240 }, 30, { intervalSeconds: 900, targetSeconds: 20 })
//     → { agents: 30, serviceLevel: 0.676…, occupancy: 0.889…, waitProbability: 0.428…,
//         asaSeconds: 30.8…, abandonProbability: null, overloaded: false }
//   projectWeek(forecast, scheduledPerInterval, settings) → one entry per interval
//
// Conventions the heatmap relies on:
// - no calls forecast → null ("no calls"): there is no service to measure;
// - calls but no one on the phones → service level 0, every call waits, no
//   call is answered (ASA null; under Erlang A every call abandons);
// - no more agents than the intensity (overloaded): under Erlang C the queue
//   has no steady state and grows without end, so its limits are reported:
//   service level 0, occupancy 1, ASA null. Erlang A stays finite there
//   (callers abandon) and is computed as usual.
import { erlangA, erlangC } from './erlang.ts';
import { aboveZero, atLeastZero, fractionIn } from './erlang-input.ts';

export interface IntervalLoad {
	calls: number;
	ahtSeconds: number;
}

export interface ProjectionSettings {
	intervalSeconds: number;
	/** The queue's service-level threshold in seconds. */
	targetSeconds: number;
	/** Default Erlang C; Erlang A needs patienceSeconds. */
	model?: 'erlang-c' | 'erlang-a';
	patienceSeconds?: number;
	/**
	 * Share of the scheduled agents not on the phones, in [0, 1); default 0,
	 * for a count that already leaves out breaks and meetings. The agents on
	 * the phones are floor(scheduled × (1 − shrinkage)).
	 */
	shrinkage?: number;
}

export interface ProjectedService {
	/** Agents on the phones that the figures are for. */
	agents: number;
	serviceLevel: number;
	occupancy: number;
	waitProbability: number;
	/** Mean wait of answered calls in seconds; null when none is answered or the queue never clears. */
	asaSeconds: number | null;
	/** Erlang A only; null under Erlang C. */
	abandonProbability: number | null;
	/** Agents ≤ intensity: more work offered than they can do (see the conventions above). */
	overloaded: boolean;
}

const SLACK = 1e-9;

/** The projected service of one interval, or null when no calls are forecast. */
export function projectService(
	load: IntervalLoad,
	scheduled: number,
	settings: ProjectionSettings
): ProjectedService | null {
	const calls = atLeastZero('calls', load.calls);
	const shrinkage = fractionIn('shrinkage', settings.shrinkage ?? 0, '[0, 1)');
	const agents = Math.floor(atLeastZero('scheduled', scheduled) * (1 - shrinkage) + SLACK);
	const input = {
		calls,
		ahtSeconds: load.ahtSeconds,
		intervalSeconds: settings.intervalSeconds,
		targetSeconds: settings.targetSeconds
	};
	// Built before the no-calls answer so that invalid durations throw for
	// every interval, not only for those with calls.
	const abandoning =
		settings.model === 'erlang-a'
			? erlangA({ ...input, patienceSeconds: aboveZero('patienceSeconds', settings.patienceSeconds ?? Number.NaN) })
			: null;
	const model = abandoning ?? erlangC(input);
	if (calls === 0) return null;
	const overloaded = agents <= model.intensity;
	// Erlang A is defined for any agents ≥ 1; Erlang C only above the intensity.
	if (agents === 0 || (!abandoning && overloaded)) {
		return {
			agents,
			serviceLevel: 0,
			occupancy: agents === 0 ? 0 : 1,
			waitProbability: 1,
			asaSeconds: null,
			abandonProbability: abandoning ? 1 : null,
			overloaded: true
		};
	}
	return {
		agents,
		serviceLevel: model.serviceLevel(agents),
		occupancy: model.occupancy(agents),
		waitProbability: model.waitProbability(agents),
		asaSeconds: model.asaSeconds(agents),
		abandonProbability: abandoning ? abandoning.abandonProbability(agents) : null,
		overloaded
	};
}

/** projectService over parallel arrays (e.g. the 672 intervals of a week). */
export function projectWeek(
	loads: readonly IntervalLoad[],
	scheduled: readonly number[],
	settings: ProjectionSettings
): (ProjectedService | null)[] {
	if (loads.length !== scheduled.length) {
		throw new RangeError(
			`scheduled must have one count per interval: ${scheduled.length} counts for ${loads.length} intervals`
		);
	}
	return loads.map((load, i) => projectService(load, scheduled[i] ?? 0, settings));
}
