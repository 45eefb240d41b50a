import { afterEach, describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { amountProblemText, ledgerReasonText, ledgerStamp, leaveGrantProblem, mayGrantLeave } from './leave-words';

const initialGetLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(initialGetLocale));

describe('leaveGrantProblem', () => {
	it('words the refusals of grant_leave_balance', () => {
		speak('zh-CN');
		expect(leaveGrantProblem({ code: 'CB067', message: 'the balance would fall below zero' }, '5 天（40 小时）')).toBe(
			'未保存：当前余额 5 天（40 小时），收回后余额将小于零。'
		);
		expect(leaveGrantProblem({ code: '42501', message: 'only the site…' }, '')).toBe(
			'未保存：只有本站点的主管、经理和管理员可以发放或收回假期。'
		);
		expect(leaveGrantProblem({ code: 'CB065', message: 'say why (1 to 500 characters)' }, '')).toBe(
			'调整未被接受：say why (1 to 500 characters)'
		);
	});

	it('in English too', () => {
		speak('en');
		expect(leaveGrantProblem({ code: 'CB067', message: 'below zero' }, '1 d (8 h)')).toBe(
			'Not recorded: the balance is 1 d (8 h), and taking this back would leave it below zero.'
		);
	});

	it('falls back to the API’s usual reasons, then the words', () => {
		expect(leaveGrantProblem({ code: 'PGRST202', message: 'no such function' }, '')).not.toBe('');
		expect(leaveGrantProblem(new Error('boom'), '')).toBe('boom');
	});
});

describe('amountProblemText', () => {
	it('says what to type', () => {
		expect(amountProblemText('step')).toBe(m.leave_err_amount_step());
		expect(amountProblemText('empty')).toBe(m.leave_err_amount_empty());
		expect(amountProblemText('not-a-number')).toBe(m.leave_err_amount_number());
		expect(amountProblemText('too-much')).toBe(m.leave_err_amount_too_much());
	});
});

describe('ledgerReasonText', () => {
	it('keeps a grant’s reason and words the requests’ own rows', () => {
		speak('zh-CN');
		expect(ledgerReasonText({ minutes: 1200, reason: '2027 年假', request_id: null })).toBe('2027 年假');
		expect(ledgerReasonText({ minutes: -480, reason: 'Leave taken (approved request)', request_id: 'r1' })).toBe(
			'请假扣减（申请已批准）'
		);
		expect(ledgerReasonText({ minutes: 480, reason: 'Leave returned (request cancelled)', request_id: 'r1' })).toBe(
			'假期退回（申请已取消）'
		);
	});
});

describe('ledgerStamp', () => {
	it('shows the year, date and time in the site’s zone', () => {
		// 2026-12-31 17:30 UTC is New Year's Day 01:30 in Shanghai.
		expect(ledgerStamp('2026-12-31T17:30:00Z', 'Asia/Shanghai', 'zh-CN')).toBe('2027年1月1日 01:30');
		expect(ledgerStamp('2026-12-31T17:30:00Z', 'Asia/Shanghai', 'en')).toBe('Jan 1, 2027, 01:30');
	});
});

describe('mayGrantLeave', () => {
	it('lets the roles grant_leave_balance lets, not leads or agents', () => {
		expect(['supervisor', 'manager', 'admin'].every((r) => mayGrantLeave(r as 'admin'))).toBe(true);
		expect(mayGrantLeave('lead')).toBe(false);
		expect(mayGrantLeave('agent')).toBe(false);
	});
});
