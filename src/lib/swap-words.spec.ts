import { describe, expect, it } from 'vitest';
import { formatDay } from '$lib/calendar-format';
import { shiftIsAhead } from '$lib/data/swaps';
import { m } from '$lib/paraglide/messages';
import { ruleLabel } from '$lib/rota/rules';
import { violationText } from '$lib/rota/violation-words';
import { swapErrorText, swapShiftText, swapStepText } from './swap-words';

describe('swapErrorText', () => {
	it('names the broken rule, the agent and the day from the refusal’s detail, then the database’s words', () => {
		const refusal = {
			code: 'CB023',
			message:
				'the swap would break the rule "rest_between" for 王芳: 2:30 h rest before the shift starting 2026-12-10 09:00',
			details: JSON.stringify({ rule: 'rest_between', agent: '王芳', day: '2026-12-10' }),
			hint: null
		};
		expect(swapErrorText(refusal)).toBe(
			`${m.swap_error_rule_on({
				rule: ruleLabel('rest_between'),
				agent: '王芳',
				day: formatDay('2026-12-10', { weekday: 'short', month: 'numeric', day: 'numeric' })
			})} ${m.swap_error_rule_detail({ detail: '2:30 h rest before the shift starting 2026-12-10 09:00' })}`
		);
	});

	it('words why from the rule’s facts when the refusal carries them, as the rota editor does', () => {
		const sqlWhy = '16:00 h paid on 2026-12-11: at most 8:00 h a day';
		const facts = { paid_min: 960, max_min: 480 };
		const text = swapErrorText({
			code: 'CB023',
			message: `the swap would break the rule "day_hours" for 王芳: ${sqlWhy}`,
			details: JSON.stringify({ rule: 'day_hours', agent: '王芳', day: '2026-12-11', facts })
		});
		const why = violationText({ rule: 'day_hours', day: '2026-12-11', facts, detail: sqlWhy });
		expect(why).not.toBe(sqlWhy);
		expect(text).toBe(
			`${m.swap_error_rule_on({
				rule: ruleLabel('day_hours'),
				agent: '王芳',
				day: formatDay('2026-12-11', { weekday: 'short', month: 'numeric', day: 'numeric' })
			})} ${m.swap_error_rule_detail({ detail: why })}`
		);
	});

	it('words a rule about the whole week without a day', () => {
		const text = swapErrorText({
			code: 'CB023',
			message: 'the swap would break the rule "rest_days" for 李娜: works 7 days: at least 1 rest day(s) a week',
			details: JSON.stringify({ rule: 'rest_days', agent: '李娜', day: null })
		});
		expect(text).toBe(
			`${m.swap_error_rule({ rule: ruleLabel('rest_days'), agent: '李娜' })} ${m.swap_error_rule_detail({
				detail: 'works 7 days: at least 1 rest day(s) a week'
			})}`
		);
	});

	it('falls back to the database’s words when the detail is not what it should be', () => {
		const message = 'the swap would break the rule "x" for y: z';
		expect(swapErrorText({ code: 'CB023', message, details: 'not json' })).toBe(message);
		expect(swapErrorText({ code: 'CB023', message, details: '{"rule": 1}' })).toBe(message);
	});

	it('has words for every other refusal of the swap functions', () => {
		expect(swapErrorText({ code: 'CB020', message: 'stale' })).toBe(m.swap_error_stale());
		expect(swapErrorText({ code: 'CB021', message: 'started' })).toBe(m.swap_error_started());
		expect(swapErrorText({ code: 'CB022', message: 'A lacks the skills the shift needs: Sales' })).toBe(
			m.swap_error_skills({ detail: 'A lacks the skills the shift needs: Sales' })
		);
		expect(swapErrorText({ code: 'CB024', message: 'moved on' })).toBe(m.swap_error_step());
		expect(swapErrorText({ code: 'CB025', message: 'open' })).toBe(m.swap_error_open());
		expect(swapErrorText({ code: 'CB026', message: 'works' })).toBe(m.swap_error_works());
	});

	it('leaves the API’s usual failures to the app’s one error path', () => {
		expect(swapErrorText({ code: '42501', message: 'only the colleague asked answers a swap' })).toBe(
			m.error_with_code({ reason: m.error_denied(), code: '42501' })
		);
		expect(swapErrorText({ code: '22023', message: 'say why the swap is rejected' })).toBe(
			'say why the swap is rejected'
		);
	});
});

describe('swap shifts and steps', () => {
	it('shows a shift with its template and times, and one without a template by its times', () => {
		expect(swapShiftText('2026-12-07', '早班 Early', '08:00:00', '16:30:00')).toMatch(/早班 Early 08:00–16:30$/);
		expect(swapShiftText('2026-12-07', null, '22:00:00', '06:30:00')).toMatch(/\S 22:00–06:30$/);
	});

	it('tells who took a step and when, in the site’s time zone', () => {
		const text = swapStepText(
			{ status: 'approved', at: '2026-12-05T02:13:00Z', by: '组长一 Lead 1', reason: null, detail: null },
			'Asia/Shanghai'
		);
		expect(text).toContain(m.swap_step_approved({ by: '组长一 Lead 1' }));
		expect(text).toContain('10:13');
	});
});

describe('shiftIsAhead', () => {
	const now = Date.parse('2026-12-07T00:30:00Z'); // 08:30 in Shanghai
	it('compares the shift’s start in the site’s time zone with now', () => {
		expect(shiftIsAhead('2026-12-07', '08:00:00', 'Asia/Shanghai', now)).toBe(false);
		expect(shiftIsAhead('2026-12-07', '09:00:00', 'Asia/Shanghai', now)).toBe(true);
		expect(shiftIsAhead('2026-12-06', '22:00:00', 'Asia/Shanghai', now)).toBe(false);
		// 08:00 in Berlin is still to come when it is 08:30 in Shanghai.
		expect(shiftIsAhead('2026-12-07', '08:00:00', 'Europe/Berlin', now)).toBe(true);
	});
});
