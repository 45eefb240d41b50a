import { describe, expect, it } from 'vitest';
import type { PolicyKnob, PolicyValues } from '$lib/data/attendance-policy';
import { m } from '$lib/paraglide/messages';
import { KNOB_KIND, knobHint, knobValueText, POLICY_GROUPS, policyProblem } from './policy-words';

// The product defaults (20261207100000), as the versions list sends them.
const DEFAULTS: PolicyValues = {
	check_in_window_min: 60,
	check_out_window_min: 60,
	grace_min: 5,
	late_max_min: 30,
	half_day_max_min: 120,
	early_grace_min: 5,
	early_max_min: 30,
	early_half_day_max_min: 120,
	min_half_day_worked_min: 0,
	min_present_worked_min: 0,
	single_punch_status: 'missing_punch',
	deduction_late: 0,
	deduction_early: 0,
	deduction_half_day: 0,
	deduction_absent: 0,
	deduction_missing_punch: 0,
	leave_notice_hours: 0,
	late_leave: 'flag',
	overtime_needs_approval: true,
	judge_rest_days: false,
	judge_holidays: false,
	offline_allowance_s: 600,
	appeal_file_days: 3,
	appeal_answer_days: 5,
	approval_chain: ['lead', 'supervisor']
};

describe('POLICY_GROUPS', () => {
	it('shows every knob once', () => {
		const shown = POLICY_GROUPS.flatMap((g) => g.knobs);
		expect([...shown].sort()).toEqual(Object.keys(KNOB_KIND).sort());
		expect(new Set(shown).size).toBe(shown.length);
	});
});

describe('knobHint', () => {
	it('words the grace as the engine judges it: seconds dropped, start + grace + 1 minute is late', () => {
		expect(knobHint('grace_min', DEFAULTS)).toBe(m.att_pol_hint_grace({ grace: 5, next: 6 }));
		expect(knobHint('grace_min', { ...DEFAULTS, grace_min: 10 })).toBe(m.att_pol_hint_grace({ grace: 10, next: 11 }));
	});
	it('gives each tier the minutes from the one before it', () => {
		expect(knobHint('late_max_min', DEFAULTS)).toBe(m.att_pol_hint_late_max({ from: 6, to: 30 }));
		expect(knobHint('half_day_max_min', DEFAULTS)).toBe(m.att_pol_hint_half_day_max({ from: 31, to: 120 }));
		expect(knobHint('early_half_day_max_min', { ...DEFAULTS, early_max_min: 45 })).toBe(
			m.att_pol_hint_early_half_day_max({ from: 46, to: 120 })
		);
		expect(knobHint('deduction_late', { ...DEFAULTS, grace_min: 10 })).toBe(
			m.att_pol_hint_deduction_late({ from: 11, to: 30 })
		);
	});
	it('says a threshold of 0 is off, and marks an emptied field', () => {
		expect(knobHint('min_present_worked_min', DEFAULTS)).toBe(m.att_pol_hint_worked_off());
		expect(knobHint('min_present_worked_min', { ...DEFAULTS, min_present_worked_min: 450 })).toBe(
			m.att_pol_hint_min_present({ min: 450, hours: m.att_pol_hours_minutes({ h: 7, min: 30 }) })
		);
		expect(knobHint('late_max_min', { ...DEFAULTS, grace_min: null })).toBe(
			m.att_pol_hint_late_max({ from: '?', to: 30 })
		);
	});
	it('has a line for every knob', () => {
		for (const knob of Object.keys(KNOB_KIND) as PolicyKnob[]) expect(knobHint(knob, DEFAULTS)).not.toBe('');
	});
});

describe('knobValueText', () => {
	it('reads values with their units', () => {
		expect(knobValueText('grace_min', DEFAULTS)).toBe(m.att_pol_unit_minutes({ n: 5 }));
		expect(knobValueText('deduction_absent', { ...DEFAULTS, deduction_absent: 200 })).toBe(
			m.att_pol_unit_yuan({ n: '200.00' })
		);
		expect(knobValueText('judge_holidays', DEFAULTS)).toBe(m.att_pol_no());
		expect(knobValueText('approval_chain', DEFAULTS)).toBe(`${m.role_lead()} → ${m.role_supervisor()}`);
	});
});

describe('policyProblem', () => {
	const refusal = (code: string, detail: object) => ({
		code,
		message: 'English words',
		details: JSON.stringify(detail)
	});

	it('words a value out of range and points at its field', () => {
		expect(policyProblem(refusal('CB092', { knob: 'check_in_window_min', rule: 'range', min: 0, max: 240 }))).toEqual({
			field: 'check_in_window_min',
			text: m.att_pol_err_range({ label: m.att_pol_check_in_window(), min: '0', max: '240' })
		});
	});
	it('names both knobs of a tier out of order', () => {
		expect(policyProblem(refusal('CB092', { knob: 'grace_min', rule: 'below', other: 'late_max_min' }))).toEqual({
			field: 'grace_min',
			text: m.att_pol_err_below({ label: m.att_pol_grace(), other: m.att_pol_late_max() })
		});
	});
	it('points a refused date at the date field', () => {
		const problem = policyProblem(
			refusal('CB093', { rule: 'closed_days', count: 2, first: '2026-11-02', last: '2026-11-03', today: '2026-12-05' })
		);
		expect(problem.field).toBe('effective_from');
		expect(problem.text).toContain('2');
		expect(policyProblem(refusal('CB093', { rule: 'closed_version', version: 4, count: 1 })).field).toBe(
			'effective_from'
		);
	});
	it('leaves anything else to the common path', () => {
		expect(policyProblem({ code: 'XX000', message: 'boom' })).toEqual({ field: null, text: 'boom' });
		expect(policyProblem({ code: 'CB092', message: 'no detail', details: 'not json' })).toEqual({
			field: null,
			text: 'no detail'
		});
	});
});
