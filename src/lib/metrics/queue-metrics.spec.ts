// Hand-computed cases for the metric formulas.
import { describe, expect, it } from 'vitest';
import {
	abandonedCount,
	abandonRate,
	answerRate,
	averageHandleTime,
	averageSpeedOfAnswer,
	EMPTY_TOTALS,
	formatDuration,
	formatPercent,
	serviceLevel,
	sumIntervals,
	timeoutRate,
	unansweredRate,
	type IntervalTotals
} from './queue-metrics';

// A morning on the sales hotline: 100 offered, 88 answered (70 within 15 s),
// 12 abandoned of which 4 under 5 s; 88 handled with 16,720 s talk, 880 s
// hold and 2,640 s after-call work; answered calls waited 1,320 s in all.
const morning: IntervalTotals = {
	offered: 100,
	answered: 88,
	answered_within_sl: 70,
	abandoned: 12,
	abandoned_short: 4,
	timed_out: 0,
	handled: 88,
	talk_s: 16_720,
	hold_s: 880,
	acw_s: 2_640,
	wait_answered_s: 1_320
};

describe('service level', () => {
	it('answered ≤ T / answered', () => expect(serviceLevel(morning, 'answered')).toBeCloseTo(70 / 88, 10));
	it('answered ≤ T / offered', () => expect(serviceLevel(morning, 'offered')).toBe(0.7));
	it('answered ≤ T / (offered − short abandons)', () =>
		expect(serviceLevel(morning, 'offered_minus_short')).toBeCloseTo(70 / 96, 10));
	it('is null, not 0 or 100 %, with nothing offered', () => {
		expect(serviceLevel(EMPTY_TOTALS, 'answered')).toBeNull();
		expect(serviceLevel(EMPTY_TOTALS, 'offered')).toBeNull();
		expect(serviceLevel(EMPTY_TOTALS, 'offered_minus_short')).toBeNull();
	});
	it('is null when every call was a short abandon', () => {
		const ghosts = { ...EMPTY_TOTALS, offered: 3, abandoned: 3, abandoned_short: 3 };
		expect(serviceLevel(ghosts, 'offered_minus_short')).toBeNull();
		expect(serviceLevel(ghosts, 'offered')).toBe(0);
	});
});

// The same morning where the queue gave up on 5 of the 12 unanswered calls
// (its max wait): 100 offered, 88 answered, 7 abandoned (4 short), 5 timed out.
const withTimeouts: IntervalTotals = { ...morning, abandoned: 7, timed_out: 5 };

describe('timeouts', () => {
	it('stay in every service-level denominator; only short abandons are set aside', () => {
		expect(serviceLevel(withTimeouts, 'offered')).toBe(0.7);
		expect(serviceLevel(withTimeouts, 'offered_minus_short')).toBeCloseTo(70 / 96, 10);
		expect(serviceLevel(withTimeouts, 'answered')).toBeCloseTo(70 / 88, 10);
	});
	it('count in the abandon rate only where the queue says so', () => {
		expect(abandonRate(withTimeouts, false)).toBe(0.07);
		expect(abandonRate(withTimeouts, true)).toBe(0.12);
		expect(abandonedCount(withTimeouts, false)).toBe(7);
		expect(abandonedCount(withTimeouts, true)).toBe(12);
	});
	it('have their own rate, and unanswered is abandoned + timed out either way', () => {
		expect(timeoutRate(withTimeouts)).toBe(0.05);
		expect(unansweredRate(withTimeouts)).toBe(0.12);
		expect(unansweredRate(morning)).toBe(0.12);
		expect(timeoutRate(morning)).toBe(0);
	});
	it('give no value with nothing offered', () => {
		expect(abandonRate(EMPTY_TOTALS, true)).toBeNull();
		expect(timeoutRate(EMPTY_TOTALS)).toBeNull();
		expect(unansweredRate(EMPTY_TOTALS)).toBeNull();
	});
});

describe('rates and times', () => {
	it('answer and abandon rates are shares of offered calls', () => {
		expect(answerRate(morning)).toBe(0.88);
		expect(abandonRate(morning, false)).toBe(0.12);
	});
	it('AHT is (talk + hold + wrap) / handled', () => expect(averageHandleTime(morning)).toBe(230));
	it('ASA is the mean wait of answered calls', () => expect(averageSpeedOfAnswer(morning)).toBe(15));
	it('empty intervals give no value instead of dividing by zero', () => {
		expect(answerRate(EMPTY_TOTALS)).toBeNull();
		expect(abandonRate(EMPTY_TOTALS, false)).toBeNull();
		expect(averageHandleTime(EMPTY_TOTALS)).toBeNull();
		expect(averageSpeedOfAnswer(EMPTY_TOTALS)).toBeNull();
	});
});

describe('sumIntervals', () => {
	it('adds rows, coercing bigint strings from the API', () => {
		const a = { ...EMPTY_TOTALS, offered: 2, answered: 1, talk_s: '120' as unknown as number };
		const b = { ...EMPTY_TOTALS, offered: 3, answered: 3, talk_s: '300' as unknown as number };
		expect(sumIntervals([a, b])).toMatchObject({ offered: 5, answered: 4, talk_s: 420 });
		expect(sumIntervals([])).toEqual(EMPTY_TOTALS);
	});
});

describe('formatting', () => {
	it('shows — for no value', () => {
		expect(formatPercent(null)).toBe('—');
		expect(formatDuration(null)).toBe('—');
	});
	it('rounds percentages and durations', () => {
		expect(formatPercent(70 / 96)).toBe('73%');
		expect(formatPercent(0.8766, 1)).toBe('87.7%');
		expect(formatDuration(230)).toBe('3:50');
		expect(formatDuration(59.6)).toBe('1:00');
		expect(formatDuration(3_725)).toBe('1:02:05');
	});
});
