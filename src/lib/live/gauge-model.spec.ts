import { describe, expect, it } from 'vitest';
import { durationGauge, rateGauge } from './gauge-model';

describe('gauge models', () => {
	it('bands a rate around its target and levels the value', () => {
		const g = rateGauge(0.72, 0.8);
		expect(g.bands.map((b) => [b.from, b.to, b.level])).toEqual([
			[0, expect.closeTo(0.7, 10), 'bad'],
			[expect.closeTo(0.7, 10), 0.8, 'warn'],
			[0.8, 1, 'ok']
		]);
		expect(g.level).toBe('warn');
		expect(g.needle).toBe(0.72);
	});

	it('scales AHT from 0 to twice the target, lower is better, and pins the needle at the end', () => {
		const g = durationGauge(700, 300);
		expect(g.max).toBe(600);
		expect(g.bands.map((b) => b.level)).toEqual(['ok', 'warn', 'bad']);
		expect(g.bands[1]).toMatchObject({ from: 300, to: 360 });
		expect(g.needle).toBe(600);
		expect(g.value).toBe(700);
		expect(g.level).toBe('bad');
		expect(durationGauge(240, 300).level).toBe('ok');
	});

	it('has no needle and no level without a value', () => {
		expect(rateGauge(null, 0.95)).toMatchObject({ needle: null, level: 'none' });
		expect(durationGauge(null, 300)).toMatchObject({ needle: null, level: 'none' });
	});
});
