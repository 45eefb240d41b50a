import { afterEach, describe, expect, it } from 'vitest';
import type { StatementAppeal } from '$lib/data/statement-appeals';
import type { StatementLine } from '$lib/data/statements';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { adjustmentOf, disputable, disputeErrorText, parseAdjustment, signedYuan, standingDisputes } from './disputes';

const initialGetLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

const appeal = (id: string, rule: string, status: StatementAppeal['status']): StatementAppeal => ({
	id,
	site_id: 's',
	agent_id: 'a',
	kind: 'statement',
	day_id: null,
	work_date: '2026-11-01',
	statement_month: '2026-11-01',
	statement_rule: rule,
	statement_line: { line: 1, rule, kind: 'reward', amount: 0, quantity: 0, facts: {} },
	reason: 'why',
	status,
	filed_by: 'u',
	filed_at: '2026-11-03T01:00:00Z',
	file_by: '2026-12-03',
	answer_by: '2026-11-10',
	answer: null,
	answered_by: null,
	answered_at: null,
	override_id: null
});

const line = (
	n: number,
	rule: string,
	kind: StatementLine['kind'],
	amount: number | null,
	facts = {}
): StatementLine => ({
	line: n,
	rule,
	kind,
	amount,
	quantity: null,
	facts
});

describe('parseAdjustment', () => {
	it('takes yuan with a sign, the minus sign or full-width signs, to the fen', () => {
		expect(parseAdjustment('+37')).toEqual({ ok: true, yuan: 37 });
		expect(parseAdjustment(' -50 ')).toEqual({ ok: true, yuan: -50 });
		expect(parseAdjustment('−12.5')).toEqual({ ok: true, yuan: -12.5 });
		expect(parseAdjustment('－8')).toEqual({ ok: true, yuan: -8 });
		expect(parseAdjustment('＋0.01')).toEqual({ ok: true, yuan: 0.01 });
		expect(parseAdjustment('100000')).toEqual({ ok: true, yuan: 100000 });
		expect(parseAdjustment('-100000.00')).toEqual({ ok: true, yuan: -100000 });
	});

	it('refuses what answer_statement_appeal refuses, saying why', () => {
		expect(parseAdjustment('  ')).toEqual({ ok: false, problem: 'empty' });
		expect(parseAdjustment('37元')).toEqual({ ok: false, problem: 'number' });
		expect(parseAdjustment('+-3')).toEqual({ ok: false, problem: 'number' });
		expect(parseAdjustment('1e3')).toEqual({ ok: false, problem: 'number' });
		expect(parseAdjustment('-0')).toEqual({ ok: false, problem: 'zero' });
		expect(parseAdjustment('0.00')).toEqual({ ok: false, problem: 'zero' });
		expect(parseAdjustment('100000.01')).toEqual({ ok: false, problem: 'range' });
		expect(parseAdjustment('12.345')).toEqual({ ok: false, problem: 'fen' });
	});
});

describe('standingDisputes', () => {
	it('keeps per rule the dispute that stands, not a withdrawn one', () => {
		const standing = standingDisputes([
			appeal('1', 'monthly_target', 'withdrawn'),
			appeal('2', 'monthly_target', 'open'),
			appeal('3', 'deal_bonus', 'withdrawn'),
			appeal('4', 'weekly_invitations', 'rejected')
		]);
		expect([...standing.entries()].map(([rule, a]) => `${rule}:${a.id}`)).toEqual([
			'monthly_target:2',
			'weekly_invitations:4'
		]);
	});
});

describe('adjustmentOf', () => {
	it('reads the signed amount of an accepted dispute from its adjustment line', () => {
		const lines = [
			line(1, 'monthly_target', 'reward', 0),
			line(2, 'adjustment', 'reward', 37, { appeal_id: 'a' }),
			line(3, 'adjustment', 'penalty', 50, { appeal_id: 'b' })
		];
		expect(adjustmentOf(lines, 'a')).toBe(37);
		expect(adjustmentOf(lines, 'b')).toBe(-50);
		expect(adjustmentOf(lines, 'c')).toBeNull();
	});
	it('offers every line but the adjustments to dispute', () => {
		expect(disputable(line(1, 'weekly_invitations', 'flag', null))).toBe(true);
		expect(disputable(line(2, 'adjustment', 'reward', 37))).toBe(false);
	});
});

describe('words', () => {
	it('signs amounts as the statement does', () => {
		speak('zh-CN');
		expect(signedYuan(37)).toBe('+37 元');
		expect(signedYuan(-50.5)).toBe('−50.5 元');
	});

	it('says which refusal it is, with the database’s rule', () => {
		speak('zh-CN');
		expect(
			disputeErrorText({ code: 'CB073', message: 'the time to dispute the statement of 2026-09 ended on 2026-10-10' })
		).toBe('这一项不能申诉。 (the time to dispute the statement of 2026-09 ended on 2026-10-10)');
		speak('en');
		expect(disputeErrorText({ code: 'CB074', message: '' })).toBe('This dispute cannot be answered.');
	});
});
