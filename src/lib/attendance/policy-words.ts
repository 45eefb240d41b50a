// The attendance policy in the user's language: the knobs in the groups the
// settings page shows, each one's label and a one-line explanation of its
// boundary (worded from the values being edited, the engine's rules of
// 20261207110000: whole minutes, seconds dropped, windows inclusive), and
// the refusals of save_attendance_policy (CB092/CB093 with a JSON detail
// naming the knob and the rule, 20261207180000). The rules themselves live
// in SQL; this only words them.
import * as z from 'zod/mini';
import { formatDay } from '$lib/calendar-format';
import type { ChainRole, PolicyKnob, PolicyValues } from '$lib/data/attendance-policy';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { roleLabel } from '$lib/shell/labels';

export type KnobKind = 'minutes' | 'hours' | 'seconds' | 'days' | 'yuan' | 'boolean' | 'choice' | 'chain';

export const KNOB_KIND: Record<PolicyKnob, KnobKind> = {
	check_in_window_min: 'minutes',
	check_out_window_min: 'minutes',
	grace_min: 'minutes',
	late_max_min: 'minutes',
	half_day_max_min: 'minutes',
	early_grace_min: 'minutes',
	early_max_min: 'minutes',
	early_half_day_max_min: 'minutes',
	min_half_day_worked_min: 'minutes',
	min_present_worked_min: 'minutes',
	single_punch_status: 'choice',
	deduction_late: 'yuan',
	deduction_early: 'yuan',
	deduction_half_day: 'yuan',
	deduction_absent: 'yuan',
	deduction_missing_punch: 'yuan',
	leave_notice_hours: 'hours',
	late_leave: 'choice',
	overtime_needs_approval: 'boolean',
	judge_rest_days: 'boolean',
	judge_holidays: 'boolean',
	offline_allowance_s: 'seconds',
	appeal_file_days: 'days',
	appeal_answer_days: 'days',
	approval_chain: 'chain'
};

export const KNOB_LABEL: Record<PolicyKnob, () => string> = {
	check_in_window_min: m.att_pol_check_in_window,
	check_out_window_min: m.att_pol_check_out_window,
	grace_min: m.att_pol_grace,
	late_max_min: m.att_pol_late_max,
	half_day_max_min: m.att_pol_half_day_max,
	early_grace_min: m.att_pol_early_grace,
	early_max_min: m.att_pol_early_max,
	early_half_day_max_min: m.att_pol_early_half_day_max,
	min_half_day_worked_min: m.att_pol_min_half_day,
	min_present_worked_min: m.att_pol_min_present,
	single_punch_status: m.att_pol_single_punch,
	deduction_late: m.att_pol_deduction_late,
	deduction_early: m.att_pol_deduction_early,
	deduction_half_day: m.att_pol_deduction_half_day,
	deduction_absent: m.att_pol_deduction_absent,
	deduction_missing_punch: m.att_pol_deduction_missing_punch,
	leave_notice_hours: m.att_pol_leave_notice,
	late_leave: m.att_pol_late_leave,
	overtime_needs_approval: m.att_pol_overtime_approval,
	judge_rest_days: m.att_pol_judge_rest_days,
	judge_holidays: m.att_pol_judge_holidays,
	offline_allowance_s: m.att_pol_offline_allowance,
	appeal_file_days: m.att_pol_appeal_file_days,
	appeal_answer_days: m.att_pol_appeal_answer_days,
	approval_chain: m.att_pol_approval_chain
};

export interface PolicyGroup {
	id: string;
	title: () => string;
	knobs: readonly PolicyKnob[];
}

/** Every knob once, in the order a person reads a day: punching, tiers, pay, requests, appeals. */
export const POLICY_GROUPS: readonly PolicyGroup[] = [
	{
		id: 'windows',
		title: m.att_pol_group_windows,
		knobs: ['check_in_window_min', 'check_out_window_min', 'grace_min', 'early_grace_min']
	},
	{ id: 'late', title: m.att_pol_group_late, knobs: ['late_max_min', 'half_day_max_min'] },
	{ id: 'early', title: m.att_pol_group_early, knobs: ['early_max_min', 'early_half_day_max_min'] },
	{ id: 'worked', title: m.att_pol_group_worked, knobs: ['min_half_day_worked_min', 'min_present_worked_min'] },
	{ id: 'punches', title: m.att_pol_group_punches, knobs: ['single_punch_status'] },
	{
		id: 'deductions',
		title: m.att_pol_group_deductions,
		knobs: ['deduction_late', 'deduction_early', 'deduction_half_day', 'deduction_absent', 'deduction_missing_punch']
	},
	{
		id: 'requests',
		title: m.att_pol_group_requests,
		knobs: ['approval_chain', 'leave_notice_hours', 'late_leave', 'overtime_needs_approval']
	},
	{ id: 'appeals', title: m.att_pol_group_appeals, knobs: ['appeal_file_days', 'appeal_answer_days'] },
	{ id: 'kiosk', title: m.att_pol_group_kiosk, knobs: ['offline_allowance_s'] },
	{ id: 'days', title: m.att_pol_group_days, knobs: ['judge_rest_days', 'judge_holidays'] }
];

const CHOICE_LABEL: Record<string, () => string> = {
	missing_punch: m.att_view_status_missing_punch,
	absent: m.att_view_status_absent,
	half_day: m.att_view_status_half_day,
	refuse: m.att_pol_late_leave_refuse,
	flag: m.att_pol_late_leave_flag
};
export const choiceLabel = (choice: string): string => CHOICE_LABEL[choice]?.() ?? choice;

export const chainRoleLabel = (role: ChainRole): string => roleLabel(role);

/** A knob's value as read-only text: "5 min", "20.00 yuan", "Yes", "Team lead → Supervisor". */
export function knobValueText(knob: PolicyKnob, values: PolicyValues): string {
	const value = values[knob];
	if (value === null) return '—';
	switch (KNOB_KIND[knob]) {
		case 'minutes':
			return m.att_pol_unit_minutes({ n: Number(value) });
		case 'hours':
			return m.att_pol_unit_hours({ n: Number(value) });
		case 'seconds':
			return m.att_pol_unit_seconds({ n: Number(value) });
		case 'days':
			return m.att_pol_unit_days({ n: Number(value) });
		case 'yuan':
			return m.att_pol_unit_yuan({ n: Number(value).toFixed(2) });
		case 'boolean':
			return value ? m.att_pol_yes() : m.att_pol_no();
		case 'choice':
			return choiceLabel(String(value));
		case 'chain':
			return (value as ChainRole[]).map(chainRoleLabel).join(' → ');
	}
}

/** Hours and minutes of a minute count, for the worked-time thresholds: "7 h 30 min". */
const hoursOf = (minutes: number): string =>
	m.att_pol_hours_minutes({ h: Math.floor(minutes / 60), min: minutes % 60 });

/**
 * The boundary a knob sets, in one line, with the values being edited
 * ("?" where a field is empty).
 */
export function knobHint(knob: PolicyKnob, values: PolicyValues): string {
	const raw = (k: PolicyKnob): number | null => {
		const v = values[k];
		return typeof v === 'number' ? v : null;
	};
	const n = (k: PolicyKnob): number | string => raw(k) ?? '?';
	const next = (k: PolicyKnob): number | string => {
		const v = raw(k);
		return v === null ? '?' : v + 1;
	};
	switch (knob) {
		case 'check_in_window_min':
			return m.att_pol_hint_check_in({ min: n(knob) });
		case 'check_out_window_min':
			return m.att_pol_hint_check_out({ min: n(knob) });
		case 'grace_min':
			return m.att_pol_hint_grace({ grace: n(knob), next: next(knob) });
		case 'early_grace_min':
			return m.att_pol_hint_early_grace({ grace: n(knob), next: next(knob) });
		case 'late_max_min':
			return m.att_pol_hint_late_max({ from: next('grace_min'), to: n(knob) });
		case 'half_day_max_min':
			return m.att_pol_hint_half_day_max({ from: next('late_max_min'), to: n(knob) });
		case 'early_max_min':
			return m.att_pol_hint_early_max({ from: next('early_grace_min'), to: n(knob) });
		case 'early_half_day_max_min':
			return m.att_pol_hint_early_half_day_max({ from: next('early_max_min'), to: n(knob) });
		case 'min_half_day_worked_min':
		case 'min_present_worked_min': {
			const v = raw(knob);
			if (v === 0) return m.att_pol_hint_worked_off();
			const words = { min: n(knob), hours: v === null ? '?' : hoursOf(v) };
			return knob === 'min_half_day_worked_min'
				? m.att_pol_hint_min_half_day(words)
				: m.att_pol_hint_min_present(words);
		}
		case 'single_punch_status':
			return m.att_pol_hint_single_punch();
		case 'deduction_late':
			return m.att_pol_hint_deduction_late({ from: next('grace_min'), to: n('late_max_min') });
		case 'deduction_early':
			return m.att_pol_hint_deduction_early({ from: next('early_grace_min'), to: n('early_max_min') });
		case 'deduction_half_day':
			return m.att_pol_hint_deduction_half_day();
		case 'deduction_absent':
			return m.att_pol_hint_deduction_absent();
		case 'deduction_missing_punch':
			return m.att_pol_hint_deduction_missing_punch();
		case 'approval_chain':
			return m.att_pol_hint_approval_chain();
		case 'leave_notice_hours':
			return raw(knob) === 0 ? m.att_pol_hint_leave_notice_none() : m.att_pol_hint_leave_notice({ hours: n(knob) });
		case 'late_leave':
			return m.att_pol_hint_late_leave();
		case 'overtime_needs_approval':
			return m.att_pol_hint_overtime_approval();
		case 'offline_allowance_s':
			return m.att_pol_hint_offline_allowance({ seconds: n(knob) });
		case 'appeal_file_days':
			return m.att_pol_hint_appeal_file_days({ days: n(knob) });
		case 'appeal_answer_days':
			return m.att_pol_hint_appeal_answer_days({ days: n(knob) });
		case 'judge_rest_days':
			return m.att_pol_hint_judge_rest_days();
		case 'judge_holidays':
			return m.att_pol_hint_judge_holidays();
	}
}

// ------------------------------------------------------------------ refusals

const detailSchema = z.object({
	rule: z.string(),
	knob: z.optional(z.string()),
	other: z.optional(z.string()),
	min: z.optional(z.union([z.number(), z.string()])),
	max: z.optional(z.union([z.number(), z.string()])),
	count: z.optional(z.number()),
	version: z.optional(z.number()),
	first: z.optional(z.string()),
	last: z.optional(z.string()),
	today: z.optional(z.string())
});

function errorField(err: unknown, name: 'code' | 'details'): string {
	if (typeof err !== 'object' || err === null || !(name in err)) return '';
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : '';
}

function detailOf(err: unknown): z.infer<typeof detailSchema> | null {
	try {
		const parsed = detailSchema.safeParse(JSON.parse(errorField(err, 'details')));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

const isKnob = (knob: string | undefined): knob is PolicyKnob => knob !== undefined && knob in KNOB_KIND;
const labelOf = (knob: string | undefined): string => (isKnob(knob) ? KNOB_LABEL[knob]() : (knob ?? ''));
const dayText = (day: string | number | undefined): string =>
	typeof day === 'string' ? formatDay(day, { year: 'numeric', month: 'short', day: 'numeric' }) : '';

export interface PolicyProblem {
	/** The field to point at: a knob, the date, the note; null when the refusal names none. */
	field: PolicyKnob | 'effective_from' | 'reason' | null;
	text: string;
}

const DATE_RULES = new Set(['date', 'closed_days', 'closed_version']);

/** Why a save was refused, in words, and which field it was about. */
export function policyProblem(err: unknown): PolicyProblem {
	const code = errorField(err, 'code');
	const detail = code === 'CB092' || code === 'CB093' ? detailOf(err) : null;
	if (!detail) return { field: null, text: errorDetail(err) };
	const field = DATE_RULES.has(detail.rule)
		? 'effective_from'
		: detail.rule === 'reason'
			? 'reason'
			: isKnob(detail.knob)
				? detail.knob
				: null;
	const label = labelOf(detail.knob);
	const text = ((): string => {
		switch (detail.rule) {
			case 'object':
				return m.att_pol_err_object();
			case 'unknown':
				return m.att_pol_err_unknown({ knob: detail.knob ?? '' });
			case 'range':
				return m.att_pol_err_range({ label, min: String(detail.min ?? ''), max: String(detail.max ?? '') });
			case 'amount':
				return m.att_pol_err_amount({ label, max: String(detail.max ?? '') });
			case 'boolean':
			case 'choice':
				return m.att_pol_err_choice({ label });
			case 'below':
				return m.att_pol_err_below({ label, other: labelOf(detail.other) });
			case 'chain':
				return m.att_pol_err_chain();
			case 'reason':
				return m.att_pol_err_reason({ max: String(detail.max ?? '') });
			case 'date':
				return m.att_pol_err_date({ min: dayText(detail.min), max: dayText(detail.max) });
			case 'closed_days':
				return m.att_pol_err_closed_days({
					count: detail.count ?? 0,
					first: dayText(detail.first),
					last: dayText(detail.last),
					today: dayText(detail.today)
				});
			case 'closed_version':
				return m.att_pol_err_closed_version({
					version: detail.version ?? 0,
					count: detail.count ?? 0,
					first: dayText(detail.first),
					last: dayText(detail.last)
				});
			default:
				return errorDetail(err);
		}
	})();
	return { field, text };
}
