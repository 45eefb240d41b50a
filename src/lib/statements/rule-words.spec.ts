import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { paramsText, ruleName, ruleProblemText } from './rule-words';

const initialGetLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

describe('ruleProblemText', () => {
	it('words the range checks of both rule migrations', () => {
		speak('zh-CN');
		expect(
			ruleProblemText({
				code: 'CB120',
				message: 'rule monthly_ranking: cut_after_rank must be a whole number from 1 to 1000'
			})
		).toBe('未保存：分割线（第几名以后）必须是 1 到 1000 之间的整数。');
		expect(
			ruleProblemText({
				code: 'CB104',
				message: 'rule connected_calls: yuan_per_missing must be a number from 0 to 1000'
			})
		).toBe('未保存：每少 1 通罚款（元）必须是 0 到 1000 之间的数字。');
		speak('en');
		expect(
			ruleProblemText({ code: 'CB120', message: 'rule monthly_target: base_bonus must be an amount from 0 to 1000000' })
		).toBe('Not saved: Base bonus (yuan) must be an amount from 0 to 1000000.');
	});

	it('words the other refusals', () => {
		speak('zh-CN');
		expect(ruleProblemText({ code: 'CB120', message: 'rule csat: training_below must not be above award_min' })).toBe(
			'未保存：培训线不能高于奖励线。'
		);
		expect(ruleProblemText({ code: '23505', message: 'duplicate key value' })).toBe(
			'未保存：该规则在这一天已有一个版本。'
		);
		expect(
			ruleProblemText({ code: 'CB121', message: 'rule deal_bonus: a new version starts on 2026-12-06 or later' })
		).toBe('未保存：新版本须从今天（2026-12-06）或以后生效。倒填日期会改变已经算出的奖罚明细。');
		expect(ruleProblemText(new Error('boom'))).toBe('boom');
	});
});

describe('names', () => {
	it('names rules and their numbers, and keeps an unknown rule as it is', () => {
		speak('zh-CN');
		expect(ruleName('monthly_target')).toBe('月度目标');
		expect(ruleName('something_new')).toBe('something_new');
		expect(paramsText({ tiers: [1000, 600, 300], cut_after_rank: 6 })).toBe(
			'各名次奖励（元） 1000 / 600 / 300 · 分割线（第几名以后） 6'
		);
	});
});
