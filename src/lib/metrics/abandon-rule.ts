// A queue's abandon rate and the most it may be, written once for every
// board (tiles, the queue focus, the site's totals). The queue counts its
// timeouts as abandons or not (queues.abandon_rate_includes_timeouts,
// 20261204400000_call_timeouts.sql); either way the target is what the
// answer-rate target leaves over (answer 95 % → at most 5 %): with timeouts
// counted, that bounds every unanswered call; without them it bounds the
// callers who hung up, since abandons alone may not take more than all
// unanswered calls together are allowed.
import type { Tables } from '$lib/database.types';
import { abandonRate, type IntervalTotals } from './queue-metrics';
import { levelAtMost, type Level } from '$lib/live/thresholds';

export interface AbandonRule {
	/** The abandon rate counts the queue's timeouts too. */
	includesTimeouts: boolean;
	/** The highest abandon rate on target, a fraction. */
	target: number;
}

export function abandonRule(
	queue: Pick<Tables<'queues'>, 'answer_rate_target' | 'abandon_rate_includes_timeouts'>
): AbandonRule {
	return {
		includesTimeouts: queue.abandon_rate_includes_timeouts,
		// numeric arrives as a string from some clients; never below zero
		target: Math.max(0, 1 - Number(queue.answer_rate_target))
	};
}

/** The queue's abandon rate as its rule counts it; null with nothing offered. */
export const ruledAbandonRate = (t: IntervalTotals, rule: AbandonRule) => abandonRate(t, rule.includesTimeouts);

/** Amber above the target, red above twice it (a 5 % allowance: amber above 5 %, red above 10 %). */
export const abandonLevel = (rate: number | null, rule: AbandonRule): Level => levelAtMost(rate, rule.target, 2);
