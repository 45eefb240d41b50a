import { describe, expect, it } from 'vitest';
import { currentNav, homeFor, navFor, roleMayUse } from './nav';

describe('navFor', () => {
	it('gives supervisors, leads and managers the floor pages', () => {
		for (const role of ['supervisor', 'manager'] as const) {
			expect(navFor(role).map((i) => i.id)).toEqual([
				'today',
				'schedules',
				'attendance',
				'outbound',
				'qa',
				'wallboards',
				'settings'
			]);
		}
		expect(navFor('lead').map((i) => i.id)).toEqual([
			'today',
			'schedules',
			'attendance',
			'outbound',
			'wallboards',
			'settings'
		]);
	});
	it('gives QA specialists the QA page beside the read-only ones', () => {
		expect(navFor('qa').map((i) => i.id)).toEqual(['today', 'schedules', 'qa', 'wallboards']);
		expect(roleMayUse('analyst', 'qa')).toBe(false);
		expect(roleMayUse('agent', 'qa')).toBe(false);
	});
	it('gives admins members on top', () => {
		expect(navFor('admin').map((i) => i.id)).toContain('members');
		expect(navFor('supervisor').map((i) => i.id)).not.toContain('members');
	});
	it('gives agents their own pages only', () => {
		expect(navFor('agent').map((i) => i.id)).toEqual([
			'my-day',
			'my-schedule',
			'my-attendance',
			'my-requests',
			'my-calls',
			'my-statement'
		]);
		expect(roleMayUse('agent', 'schedules')).toBe(false);
	});
	it('offers the call desk and the statement to agents of an outbound team only', () => {
		const mine = (kind: string | null) => navFor('agent', kind).map((i) => i.id);
		expect(mine('outbound')).toContain('my-calls');
		expect(mine('outbound')).toContain('my-statement');
		expect(mine('inbound')).toEqual(['my-day', 'my-schedule', 'my-attendance', 'my-requests']);
		expect(mine(null)).toEqual(['my-day', 'my-schedule', 'my-attendance', 'my-requests']);
		expect(roleMayUse('agent', 'my-calls')).toBe(true);
	});
	it('offers a display nothing but its board', () => {
		expect(navFor('display')).toEqual([]);
		expect(homeFor('display')).toBe('wall');
	});
	it('offers a kiosk nothing and sends it to its keypad', () => {
		expect(navFor('kiosk')).toEqual([]);
		expect(homeFor('kiosk')).toBe('kiosk');
	});
	it('lets QA and analysts read schedules but not attendance or settings', () => {
		expect(roleMayUse('qa', 'schedules')).toBe(true);
		expect(roleMayUse('analyst', 'attendance')).toBe(false);
		expect(roleMayUse('qa', 'settings')).toBe(false);
	});
});

describe('homeFor', () => {
	it('sends each role to its first page', () => {
		expect(homeFor('agent')).toBe('my-day');
		expect(homeFor('supervisor')).toBe('today');
		expect(homeFor('admin')).toBe('today');
	});
});

describe('currentNav', () => {
	const agent = navFor('agent');
	it('picks the longest matching prefix', () => {
		expect(currentNav(agent, '/me/schedule/2026-12-07')).toBe('my-schedule');
		expect(currentNav(agent, '/me')).toBe('my-day');
		expect(currentNav(agent, '/me/swaps')).toBe('my-day');
	});
	it('does not match a longer word', () => {
		expect(currentNav(navFor('admin'), '/settingsx')).toBeNull();
		expect(currentNav(navFor('admin'), '/settings/working-days/2026')).toBe('settings');
	});
});
