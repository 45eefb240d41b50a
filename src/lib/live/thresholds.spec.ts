import { describe, expect, it } from 'vitest';
import { levelAtLeast, levelAtMost } from './thresholds';

describe('levels', () => {
	it('higher is better: ok at or above target, warn within the band, bad below', () => {
		expect(levelAtLeast(0.8, 0.8)).toBe('ok');
		expect(levelAtLeast(0.75, 0.8)).toBe('warn');
		expect(levelAtLeast(0.7, 0.8)).toBe('warn');
		expect(levelAtLeast(0.69, 0.8)).toBe('bad');
		expect(levelAtLeast(null, 0.8)).toBe('none');
	});

	it('lower is better: ok at or below target, warn up to the factor, bad above', () => {
		expect(levelAtMost(300, 300)).toBe('ok');
		expect(levelAtMost(360, 300)).toBe('warn');
		expect(levelAtMost(361, 300)).toBe('bad');
		expect(levelAtMost(31, 15, 2)).toBe('bad');
		expect(levelAtMost(null, 300)).toBe('none');
	});
});
