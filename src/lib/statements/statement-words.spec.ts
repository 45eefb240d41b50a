import { afterEach, describe, expect, it } from 'vitest';
import type { StatementLine } from '$lib/data/statements';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { explainLine, lineAmountText, netYuan, statementTotals } from './statement-words';

const initialGetLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

const line = (rule: string, kind: StatementLine['kind'], amount: number | null, facts: Record<string, unknown>) => ({
	line: 1,
	rule,
	kind,
	amount,
	quantity: null,
	facts
});

const connected = line('connected_calls', 'penalty', 4, {
	days_counted: 3,
	short_days: [
		{ day: '2026-11-03', connected: 99, target: 100, missing: 1, yuan: 1 },
		{ day: '2026-11-04', connected: 97, target: 100, missing: 3, yuan: 1 }
	]
});

describe('explainLine', () => {
	it('words each short day of the connected-calls penalty as a sum', () => {
		speak('zh-CN');
		const explained = explainLine(connected);
		expect(explained.title).toBe('接通电话未达标');
		expect(explained.summary).toBe('计入已结束的 3 个工作日（当天不计），其中 2 天未达标，共 4 元。');
		expect(explained.details).toEqual([
			'11月3日 接通 99 通，差 1 通 × 1 元 = 1 元',
			'11月4日 接通 97 通，差 3 通 × 1 元 = 3 元'
		]);
		speak('en');
		expect(explainLine(connected).details[1]).toBe('November 4: 97 connected, 3 short × 1 yuan = 3 yuan');
	});

	it('says when every counted day met the target', () => {
		speak('zh-CN');
		expect(explainLine(line('connected_calls', 'penalty', 0, { days_counted: 5, short_days: [] })).summary).toBe(
			'计入已结束的 5 个工作日（当天不计），每天都达到接通目标。'
		);
	});

	it('explains the extra above 120 % so it can be redone by hand', () => {
		speak('zh-CN');
		const explained = explainLine(
			line('monthly_target_excess', 'reward', 360, {
				visits: 49,
				target: 40,
				excess_visits: 9,
				base_bonus: 800,
				excess_above_pct: 120,
				excess_share_pct: 5
			})
		);
		expect(explained.title).toBe('超过目标 120%');
		expect(explained.summary).toBe('超出目标 9 组 × 达标奖 800 元 × 5% = 360 元。');
	});

	it('words the monthly target met and missed', () => {
		speak('en');
		const facts = { visits: 39, target: 40, base_bonus: 800, met: false };
		expect(explainLine(line('monthly_target', 'reward', 0, facts)).summary).toBe(
			'39 confirmed visits, target 40: not met.'
		);
		expect(explainLine(line('monthly_target', 'reward', 800, { ...facts, visits: 40, met: true })).summary).toBe(
			'40 confirmed visits, target 40: met, base bonus 800 yuan.'
		);
	});

	it('lists the weeks of the month-of-misses flag', () => {
		speak('zh-CN');
		const explained = explainLine(
			line('weekly_invitations', 'flag', null, {
				weeks: [
					{ week_start: '2026-10-05', visits: 9, target: 10 },
					{ week_start: '2026-10-12', visits: 9, target: 10 }
				]
			})
		);
		expect(explained.summary).toBe('本月 2 周均未达到每周邀约到访目标（仅标记，不扣款）。');
		expect(explained.details[0]).toBe('10月5日 起一周：到访 9 组，目标 10 组');
	});

	it('names deals by product and the quarter by number', () => {
		speak('zh-CN');
		const deal = line('deal_bonus', 'reward', 500, { product: 'villa', deals: [{ day: '2026-09-12', yuan: 500 }] });
		expect(explainLine(deal).title).toBe('成交奖励（别墅）');
		const top = line('quarterly_top', 'reward', 600, {
			quarter_start: '2026-07-01',
			rank: 2,
			visits: 50,
			deals: 3
		});
		expect(explainLine(top).summary).toBe('2026 年第 3 季度：第 2 名（到访 50 组，成交 3 套）：奖励 600 元。');
	});

	it('words an adjustment after a dispute: the rule disputed, up or down, the answer and its day', () => {
		const facts = {
			appeal_id: 'a1',
			disputed_rule: 'deal_bonus',
			reason: '合同 V-1128 已核实',
			answered_at: '2026-12-03T02:00:00+00:00',
			answered_on: '2026-12-03',
			adjustment_id: 'x1'
		};
		speak('zh-CN');
		const up = explainLine(line('adjustment', 'reward', 37, facts));
		expect(up).toEqual({
			title: '申诉调整（成交奖励）',
			summary: '申诉通过，增加 37 元：合同 V-1128 已核实',
			details: ['12月3日 答复']
		});
		expect(lineAmountText({ kind: 'reward', amount: 37, quantity: null })).toBe('+37 元');
		speak('en');
		const down = explainLine(line('adjustment', 'penalty', 50, { ...facts, disputed_rule: 'monthly_target_excess' }));
		expect(down.title).toBe('Adjustment after a dispute (Monthly target excess)');
		expect(down.summary).toBe('Dispute accepted, 50 yuan taken off: 合同 V-1128 已核实');
		expect(down.details).toEqual(['Answered on December 3']);
		expect(
			statementTotals([line('adjustment', 'penalty', 50, facts), line('adjustment', 'reward', 37, facts)]).net
		).toBe(-13);
	});

	it('falls back to the rule name when the facts are not what it expects', () => {
		speak('en');
		expect(explainLine(line('connected_calls', 'penalty', 3, { nothing: true }))).toEqual({
			title: 'connected_calls',
			summary: '3 yuan',
			details: []
		});
		expect(explainLine(line('new_rule', 'flag', null, {})).title).toBe('new_rule');
	});
});

describe('statementTotals', () => {
	it('sums rewards and penalties to the fen, counts flags and leave', () => {
		const totals = statementTotals([
			{ kind: 'reward', amount: 800, quantity: 40 },
			{ kind: 'reward', amount: 12.5, quantity: 1 },
			{ kind: 'penalty', amount: 0.1, quantity: 1 },
			{ kind: 'penalty', amount: 0.2, quantity: 1 },
			{ kind: 'flag', amount: null, quantity: 4 },
			{ kind: 'credit', amount: null, quantity: 240 }
		]);
		expect(totals).toEqual({ rewards: 812.5, penalties: 0.3, net: 812.2, flags: 1, creditMinutes: 240 });
	});
});

describe('netYuan', () => {
	it('writes a net below zero with the penalties’ minus sign', () => {
		speak('zh-CN');
		expect(netYuan(-400)).toBe('−400 元');
		expect(netYuan(100)).toBe('100 元');
	});
});

describe('lineAmountText', () => {
	it('signs money and names the rest', () => {
		speak('zh-CN');
		expect(lineAmountText({ kind: 'reward', amount: 800, quantity: 40 })).toBe('+800 元');
		expect(lineAmountText({ kind: 'penalty', amount: 3, quantity: 3 })).toBe('−3 元');
		expect(lineAmountText({ kind: 'credit', amount: null, quantity: 240 })).toBe('带薪假 240 分钟');
		expect(lineAmountText({ kind: 'flag', amount: null, quantity: 4 })).toBe('标记');
		expect(lineAmountText({ kind: 'reward', amount: 0, quantity: 39 })).toBe('0 元');
	});
});
