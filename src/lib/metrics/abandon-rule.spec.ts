// The abandon-rate target and what it judges, for both settings of a queue.
import { describe, expect, it } from 'vitest';
import { abandonLevel, abandonRule, ruledAbandonRate } from './abandon-rule';
import { EMPTY_TOTALS } from './queue-metrics';

// 200 offered: 180 answered, 8 abandoned, 12 timed out.
const day = { ...EMPTY_TOTALS, offered: 200, answered: 180, abandoned: 8, timed_out: 12 };

describe('abandonRule', () => {
	it('allows what the answer-rate target leaves over, whatever the setting', () => {
		const apart = abandonRule({ answer_rate_target: 0.95, abandon_rate_includes_timeouts: false });
		const counted = abandonRule({ answer_rate_target: 0.95, abandon_rate_includes_timeouts: true });
		expect(apart.includesTimeouts).toBe(false);
		expect(counted.includesTimeouts).toBe(true);
		expect(apart.target).toBeCloseTo(0.05, 10);
		expect(counted.target).toBeCloseTo(0.05, 10);
	});

	it('reads a numeric target given as text, and never allows less than nothing', () => {
		const fromText = abandonRule({
			answer_rate_target: '0.900' as unknown as number, // how some clients deliver numeric
			abandon_rate_includes_timeouts: false
		});
		expect(fromText.target).toBeCloseTo(0.1, 10);
		expect(abandonRule({ answer_rate_target: 1, abandon_rate_includes_timeouts: false }).target).toBe(0);
	});

	it('counts the timeouts in the rate only when the queue says so', () => {
		expect(ruledAbandonRate(day, { includesTimeouts: false, target: 0.05 })).toBe(0.04);
		expect(ruledAbandonRate(day, { includesTimeouts: true, target: 0.05 })).toBe(0.1);
	});

	it('is amber above the target and red above twice it', () => {
		const rule = { includesTimeouts: false, target: 0.05 };
		expect(abandonLevel(0.05, rule)).toBe('ok');
		expect(abandonLevel(0.08, rule)).toBe('warn');
		expect(abandonLevel(0.1, rule)).toBe('warn');
		expect(abandonLevel(0.11, rule)).toBe('bad');
		expect(abandonLevel(null, rule)).toBe('none');
	});
});
