import { describe, expect, it } from 'vitest';
import type { TrendDay } from '$lib/data/my-stats';
import { averageText, durationText, percentText, progress, trendValue } from './figures';

describe('progress', () => {
	it('is the share of the target reached, and how many are missing', () => {
		expect(progress(25, 100)).toEqual({ share: 0.25, met: false, missing: 75 });
	});
	it('is met at the target and caps the share above it', () => {
		expect(progress(10, 10)).toEqual({ share: 1, met: true, missing: 0 });
		expect(progress(13, 10)).toEqual({ share: 1, met: true, missing: 0 });
	});
	it('has nothing to say without a target', () => {
		expect(progress(5, null)).toBeNull();
		expect(progress(5, 0)).toBeNull();
	});
});

describe('durationText', () => {
	it('writes minutes and seconds, hours from an hour', () => {
		expect(durationText(113.3)).toBe('1:53');
		expect(durationText(59.6)).toBe('1:00');
		expect(durationText(3725)).toBe('1:02:05');
		expect(durationText(0)).toBe('0:00');
	});
	it('is a dash without a value', () => {
		expect(durationText(null)).toBe('—');
	});
});

describe('percentText and averageText', () => {
	it('write a share with at most one decimal', () => {
		expect(percentText(0.6667, 'en')).toBe('66.7%');
		expect(percentText(0.5, 'zh-CN')).toBe('50%');
		expect(percentText(null, 'en')).toBe('—');
	});
	it('write an average with fixed decimals', () => {
		expect(averageText(4.5, 2, 'en')).toBe('4.50');
		expect(averageText(90, 1, 'zh-CN')).toBe('90.0');
		expect(averageText(null, 1, 'en')).toBe('—');
	});
});

describe('trendValue', () => {
	const day: TrendDay = {
		day: '2026-12-01',
		answered: 7,
		answered_within_sl: 5,
		handled: 7,
		handle_s: 900,
		dialed: 40,
		connected: 22,
		visits: 1,
		deals: 0
	};
	it('is connected calls for callers and answered calls inbound', () => {
		expect(trendValue('outbound', day)).toBe(22);
		expect(trendValue('inbound', day)).toBe(7);
	});
});
