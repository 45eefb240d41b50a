import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { amountToMinutes, LEAVE_DAY_MIN, leaveAmountText, leaveChangeText, MAX_CHANGE_MIN } from './leave-amount';

const initialGetLocale = getLocale;
/** The text with its no-break spaces shown as spaces, to read the expectations easily. */
const text = (minutes: number) => leaveAmountText(minutes).replace(/\u00a0/g, ' ');
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

describe('amountToMinutes', () => {
	it('counts a day as the 480 minutes the database does', () => {
		expect(LEAVE_DAY_MIN).toBe(480);
		expect(amountToMinutes('1', 'days')).toEqual({ ok: true, minutes: 480 });
		expect(amountToMinutes('2.5', 'days')).toEqual({ ok: true, minutes: 1200 });
		expect(amountToMinutes('0.5', 'days')).toEqual({ ok: true, minutes: 240 });
		expect(amountToMinutes('1.5', 'hours')).toEqual({ ok: true, minutes: 90 });
		expect(amountToMinutes('8', 'hours')).toEqual({ ok: true, minutes: 480 });
	});

	it('reads what a Chinese input method types: full-width digits and points, a decimal comma', () => {
		expect(amountToMinutes('２．５', 'days')).toEqual({ ok: true, minutes: 1200 });
		expect(amountToMinutes(' 2,5 ', 'days')).toEqual({ ok: true, minutes: 1200 });
		expect(amountToMinutes('1。5', 'hours')).toEqual({ ok: true, minutes: 90 });
	});

	it('takes halves only, positive, at most a year of days', () => {
		expect(amountToMinutes('', 'days')).toEqual({ ok: false, problem: 'empty' });
		expect(amountToMinutes('  ', 'hours')).toEqual({ ok: false, problem: 'empty' });
		expect(amountToMinutes('two', 'days')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(amountToMinutes('-1', 'days')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(amountToMinutes('1e2', 'days')).toEqual({ ok: false, problem: 'not-a-number' });
		expect(amountToMinutes('0', 'days')).toEqual({ ok: false, problem: 'step' });
		expect(amountToMinutes('0.3', 'days')).toEqual({ ok: false, problem: 'step' });
		expect(amountToMinutes('1.25', 'hours')).toEqual({ ok: false, problem: 'step' });
		expect(amountToMinutes('366', 'days')).toEqual({ ok: true, minutes: MAX_CHANGE_MIN });
		expect(amountToMinutes('366.5', 'days')).toEqual({ ok: false, problem: 'too-much' });
		expect(amountToMinutes(String(366 * 8 + 0.5), 'hours')).toEqual({ ok: false, problem: 'too-much' });
	});
});

describe('leaveAmountText', () => {
	it('reads as an HR clerk writes it in Chinese: days in halves with the hours beside', () => {
		speak('zh-CN');
		expect(text(1200)).toBe('2.5 天（20 小时）');
		expect(text(2400)).toBe('5 天（40 小时）');
		expect(text(240)).toBe('0.5 天（4 小时）');
		expect(text(0)).toBe('0 天');
	});

	it('gives hours under a day and days with hours above when not on a half-day', () => {
		speak('zh-CN');
		expect(text(90)).toBe('1.5 小时');
		expect(text(1050)).toBe('2 天 1.5 小时（17.5 小时）');
		expect(text(70)).toBe('1.17 小时');
	});

	it('speaks English too', () => {
		speak('en');
		expect(text(1200)).toBe('2.5 d (20 h)');
		expect(text(90)).toBe('1.5 h');
	});
});

describe('line breaks', () => {
	it('never split a number from its unit', () => {
		speak('zh-CN');
		expect(leaveAmountText(3600)).toBe('7.5\u00a0天（60\u00a0小时）');
		speak('en');
		expect(leaveAmountText(1050)).toBe('2\u00a0d\u00a01.5\u00a0h (17.5\u00a0h)');
	});
});

describe('leaveChangeText', () => {
	it('signs a change', () => {
		speak('zh-CN');
		expect(leaveChangeText(1200).replace(/\u00a0/g, ' ')).toBe('+2.5 天（20 小时）');
		expect(leaveChangeText(-240).replace(/\u00a0/g, ' ')).toBe('−0.5 天（4 小时）');
	});
});
