import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import type { AuditEntry } from '$lib/data/attendance-day';
import { statusLabel } from './status';
import { auditActionLabel, auditChangeText, fixErrorText, FINAL_STATUSES } from './fix-words';

const entry = (action: string, before: unknown, after: unknown): AuditEntry => ({
	id: 'c1',
	action,
	punch_id: null,
	override_id: null,
	appeal_id: null,
	before: before as AuditEntry['before'],
	after: after as AuditEntry['after'],
	reason: 'why',
	made_by: 'u1',
	made_by_name: '运营主管',
	made_at: '2026-11-10T02:00:00Z'
});
const clock = (iso: string) => iso.slice(11, 16);

describe('fixErrorText', () => {
	it('words each refusal of the correction, appeal and lock functions', () => {
		expect(fixErrorText({ code: 'CB070', message: 'attendance for 2026-11 is locked' })).toBe(m.att_fix_err_locked());
		expect(fixErrorText({ code: 'CB071', message: '2026-11 is already locked' })).toBe(
			`${m.att_fix_err_lock()} (2026-11 is already locked)`
		);
		expect(fixErrorText({ code: 'CB072', message: 'say why' })).toContain(m.att_fix_err_correction());
		expect(fixErrorText({ code: 'CB073', message: 'the day is still open' })).toContain(m.att_appeal_err_file());
		expect(fixErrorText({ code: 'CB074', message: 'the appeal is already accepted' })).toContain(
			m.att_appeal_err_answer()
		);
	});
	it('leaves the rest to the common path', () => {
		expect(fixErrorText({ code: 'XX000', message: 'boom' })).toBe('boom');
		expect(fixErrorText({ code: '42501', message: 'denied' })).toContain(m.error_denied());
	});
});

describe('auditChangeText', () => {
	it('shows a result change with the status words and a deduction', () => {
		expect(
			auditChangeText(
				entry('day_rejudged', { status: 'late', deduction: 20 }, { status: 'present', deduction: 0 }),
				clock
			)
		).toBe(m.att_fix_change({ before: `${statusLabel('late')} ¥20.00`, after: statusLabel('present') }));
	});
	it('shows an added punch, a moved one and a voided one by their times', () => {
		const at = (iso: string) => ({ punched_at: iso, voided: false });
		expect(auditChangeText(entry('punch_added', null, at('2026-11-10T10:00:00Z')), clock)).toBe(
			m.att_fix_change({ before: m.att_fix_none(), after: '10:00' })
		);
		expect(auditChangeText(entry('punch_moved', at('2026-11-10T01:12:30Z'), at('2026-11-10T00:58:00Z')), clock)).toBe(
			m.att_fix_change({ before: '01:12', after: '00:58' })
		);
		expect(
			auditChangeText(
				entry('punch_voided', at('2026-11-10T10:05:00Z'), { punched_at: '2026-11-10T10:05:00Z', voided: true }),
				clock
			)
		).toBe(m.att_fix_change({ before: '10:05', after: m.att_fix_voided_short() }));
	});
	it('says nothing for a change with nothing to compare (a month lock)', () => {
		expect(
			auditChangeText(
				entry('month_locked', { month: '2026-11-01', locked: false }, { month: '2026-11-01', locked: true }),
				clock
			)
		).toBeNull();
	});
});

describe('labels', () => {
	it('names every audit action, and an unknown one by itself', () => {
		expect(auditActionLabel('appeal_accepted')).toBe(m.att_fix_action_appeal_accepted());
		expect(auditActionLabel('something_new')).toBe('something_new');
	});
	it('never offers `open` as a status a person sets', () => {
		expect(FINAL_STATUSES).not.toContain('open');
		expect(FINAL_STATUSES).toHaveLength(10);
	});
});
