import { describe, expect, it } from 'vitest';
import { leadGroup, nextLeadId, orderLeads } from './lead-order';

const lead = (id: string, next: string | null, last: string | null, created = '2026-12-01T00:00:00Z') => ({
	id,
	next_follow_up_on: next,
	last_called_at: last,
	created_at: created
});

describe('orderLeads', () => {
	const today = '2026-12-06';
	const leads = [
		lead('later-none', null, '2026-12-05T02:00:00Z'),
		lead('new-2', null, null, '2026-12-02T00:00:00Z'),
		lead('due-today', '2026-12-06', '2026-12-05T01:00:00Z'),
		lead('later-soon', '2026-12-07', '2026-12-05T03:00:00Z'),
		lead('new-1', null, null, '2026-12-01T00:00:00Z'),
		lead('due-overdue', '2026-12-01', '2026-11-30T01:00:00Z')
	];
	it('puts due follow-ups first (oldest due first), then new leads as handed out, then the rest (no follow-up last)', () => {
		expect(orderLeads(leads, today).map((l) => l.id)).toEqual([
			'due-overdue',
			'due-today',
			'new-1',
			'new-2',
			'later-soon',
			'later-none'
		]);
	});
	it('groups by the site day', () => {
		expect(leadGroup(lead('x', '2026-12-06', '2026-12-01T00:00:00Z'), today)).toBe('due');
		expect(leadGroup(lead('x', '2026-12-07', '2026-12-01T00:00:00Z'), today)).toBe('later');
		expect(leadGroup(lead('x', null, null), today)).toBe('new');
		// A lead handed out with a follow-up day already due is due, called or not.
		expect(leadGroup(lead('x', '2026-12-05', null), today)).toBe('due');
	});
});

describe('nextLeadId', () => {
	it('is the lead after the current one, wrapping round, and null when none is left', () => {
		expect(nextLeadId(['a', 'b', 'c'], 'b')).toBe('c');
		expect(nextLeadId(['a', 'b', 'c'], 'c')).toBe('a');
		expect(nextLeadId(['a'], 'a')).toBeNull();
		expect(nextLeadId(['a', 'b'], 'gone')).toBe('a');
	});
});
