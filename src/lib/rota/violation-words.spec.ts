import { afterEach, describe, expect, it } from 'vitest';
import type { Violation } from '$lib/data/rota';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { durationWords, violationText } from './violation-words';

const initialGetLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

const violation = (rule: string, facts: Violation['facts'], day: string | null = null): Violation => ({
	agent_id: 'ac000000-0000-4000-8000-000000000101',
	day,
	rule,
	detail: `the database's English for ${rule}`,
	facts
});

describe('durationWords', () => {
	it('writes hours and minutes as a Chinese supervisor would', () => {
		speak('zh-CN');
		expect(durationWords(510)).toBe('8小时30分');
		expect(durationWords(480)).toBe('8小时');
		expect(durationWords(45)).toBe('45分钟');
		expect(durationWords(659)).toBe('10小时59分');
	});

	it('writes h:mm in English', () => {
		speak('en');
		expect(durationWords(510)).toBe('8:30 h');
		expect(durationWords(480)).toBe('8:00 h');
		expect(durationWords(5)).toBe('0:05 h');
	});
});

describe('violationText in Chinese', () => {
	it('words the hours of a day, with the day', () => {
		speak('zh-CN');
		expect(violationText(violation('day_hours', { paid_min: 510, max_min: 480 }, '2026-03-03'))).toBe(
			'3月3日当天带薪 8小时30分，上限 8小时'
		);
	});

	it('words the week, the rest days and the averaged period', () => {
		speak('zh-CN');
		expect(violationText(violation('week_hours', { paid_min: 2401, max_min: 2400 }))).toBe(
			'本周带薪 40小时1分，上限 40小时；超出部分属加班，须有已批准的加班申请'
		);
		expect(violationText(violation('rest_days', { days_worked: 7, min_rest_days: 1 }))).toBe(
			'本周上班 7 天，每周至少应休息 1 天'
		);
		expect(
			violationText(
				violation('period_hours', {
					total_min: 1440,
					first_day: '2026-03-01',
					last_day: '2026-03-31',
					max_avg_min: 1328,
					week_min: 300
				})
			)
		).toBe('3月1日至3月31日带薪 24小时，综合工时上限 22小时8分（平均每周 5小时）');
	});

	it('words the rest between shifts and an overlap on the site’s clock', () => {
		speak('zh-CN');
		const rest = { starts_at: '2026-03-03T08:00', previous_end: '2026-03-02T21:01', rest_min: 659, min_rest_min: 660 };
		expect(violationText(violation('rest_between', rest, '2026-03-03'))).toBe(
			'3月3日 08:00 开始的班次前仅休息 10小时59分，两班之间至少应休息 11小时'
		);
		const overlap = {
			starts_at: '2026-03-04T12:00',
			previous_end: '2026-03-04T13:00',
			rest_min: -60,
			min_rest_min: 660
		};
		expect(violationText(violation('overlap', overlap, '2026-03-04'))).toBe(
			'3月4日 12:00 开始的班次与前一个班次（3月4日 13:00 结束）时间重叠'
		);
	});

	it('names the queues, the template, the seasons and the leave', () => {
		speak('zh-CN');
		expect(
			violationText(
				violation('skills', { queues: ['售后服务 After-sales', '电开外呼 Outbound'], template: '白班 Day' })
			)
		).toBe('不具备班次“白班 Day”所需的技能：售后服务 After-sales、电开外呼 Outbound');
		expect(
			violationText(
				violation('template_season', {
					template: '夏季白班 Summer day',
					problem: 'wrong_season',
					day: '2026-03-03',
					season: '冬季 Winter',
					valid_seasons: ['夏季 Summer']
				})
			)
		).toBe('班次模板“夏季白班 Summer day”仅适用于夏季 Summer；3月3日属于冬季 Winter');
		expect(violationText(violation('leave', { kind: 'sick', starts_on: '2026-03-04', ends_on: '2026-03-05' }))).toBe(
			'3月4日至3月5日已批准病假'
		);
		expect(violationText(violation('leave', { kind: 'annual', starts_on: '2026-03-04', ends_on: '2026-03-04' }))).toBe(
			'3月4日已批准年假'
		);
		expect(violationText(violation('calendar', { year: 2027 }))).toBe(
			'本站点日历缺少 2027 年的法定节假日数据，请先补充再排班'
		);
	});
});

describe('violationText in English', () => {
	it('words the same facts in English', () => {
		speak('en');
		expect(violationText(violation('day_hours', { paid_min: 481, max_min: 480 }, '2026-03-03'))).toBe(
			'8:01 h paid on Mar 3: at most 8:00 h a day'
		);
		expect(violationText(violation('leave', { kind: 'sick', starts_on: '2026-03-04', ends_on: '2026-03-05' }))).toBe(
			'Sick leave approved from Mar 4 to Mar 5'
		);
	});
});

describe('violationText falls back to the database’s words', () => {
	it('for a rule this build does not know', () => {
		speak('zh-CN');
		expect(violationText(violation('night_work', { hours: 3 }))).toBe("the database's English for night_work");
		expect(violationText(violation('toString', {}))).toBe("the database's English for toString");
	});

	it('for facts that are missing or not the rule’s shape', () => {
		speak('zh-CN');
		expect(violationText(violation('day_hours', null, '2026-03-03'))).toBe("the database's English for day_hours");
		expect(violationText(violation('day_hours', { paid_min: '8:30', max_min: 480 }, '2026-03-03'))).toBe(
			"the database's English for day_hours"
		);
		expect(violationText(violation('day_hours', { paid_min: 510, max_min: 480 }))).toBe(
			"the database's English for day_hours"
		);
		expect(
			violationText(violation('leave', { kind: 'sabbatical', starts_on: '2026-03-04', ends_on: '2026-03-05' }))
		).toBe("the database's English for leave");
		expect(violationText(violation('rest_between', { starts_at: '2026-03-03 08:00', rest_min: 1 }))).toBe(
			"the database's English for rest_between"
		);
	});
});
