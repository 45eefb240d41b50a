import { describe, expect, it } from 'vitest';
import { formatTime } from './format';

describe('formatTime', () => {
	it('shows the site time, not the machine time', () => {
		const t = Date.parse('2026-11-22T17:30:05Z');
		expect(formatTime(t, 'Asia/Shanghai', 'en')).toBe('01:30:05');
		expect(formatTime(t, 'Europe/London', 'zh-CN', false)).toBe('17:30');
	});
});
