import { describe, expect, it } from 'vitest';
import type { AdherenceRow } from '$lib/data/adherence';
import type { AgentLiveRow } from '$lib/live/live-rows';
import { todayAgents } from './today-rows';

const directory = {
	agents: [
		{ id: 'a1', display_name: '王伟', employee_no: 'E001', team_id: 't1', active: true },
		{ id: 'a2', display_name: '李芳', employee_no: 'E002', team_id: 't1', active: true },
		{ id: 'a3', display_name: '张娜', employee_no: 'E003', team_id: 't2', active: true },
		{ id: 'a4', display_name: '刘敏', employee_no: 'E004', team_id: 't2', active: false }
	],
	teams: [
		{ id: 't1', name: '热线一组', kind: 'inbound' as const },
		{ id: 't2', name: '客服组', kind: 'inbound' as const }
	]
};

const live = (agent_id: string, state: AgentLiveRow['state']): AgentLiveRow => ({
	agent_id,
	site_id: 's',
	state,
	state_since: '2026-12-07T01:00:00Z',
	reason: null,
	queue_id: null,
	version: 1,
	updated_at: ''
});

const adherence = (
	agent_id: string,
	activity: AdherenceRow['scheduled_activity'],
	inAdherence: boolean | null,
	minutes = 0
): AdherenceRow => ({
	agent_id,
	scheduled_activity: activity,
	scheduled_until: activity === 'shift' ? '2026-12-07T10:00:00Z' : null,
	actual_state: 'offline',
	in_adherence: inAdherence,
	out_since: inAdherence === false ? '2026-12-07T01:00:00Z' : null,
	minutes_out_today: minutes
});

describe('todayAgents', () => {
	const lives = new Map([
		['a1', live('a1', 'on_call')],
		['a3', live('a3', 'break')]
	]);
	const rows = new Map([
		['a1', adherence('a1', 'shift', true, 3)],
		['a2', adherence('a2', 'shift', false, 12)],
		['a3', adherence('a3', 'off', false, 30)]
	]);

	it('puts out-of-adherence agents first, most minutes out first, then by employee number', () => {
		const list = todayAgents(directory, lives, rows);
		expect(list.map((a) => [a.id, a.state, a.outOfAdherence])).toEqual([
			['a3', 'break', true],
			['a2', 'offline', true],
			['a1', 'on_call', false]
		]);
		expect(list[0]).toMatchObject({ team: '客服组', since: Date.parse('2026-12-07T01:00:00Z') });
		expect(list[0]?.schedule).toMatchObject({ activity: 'off', minutesOut: 30, inAdherence: false });
		expect(list[1]).toMatchObject({ since: null, schedule: { until: Date.parse('2026-12-07T10:00:00Z') } });
	});

	it('leaves out inactive agents nobody sees, keeps one team when asked, and shows agents before adherence is known', () => {
		expect(todayAgents(directory, lives, rows, 't1').map((a) => a.id)).toEqual(['a2', 'a1']);
		const unknown = todayAgents(directory, lives, null);
		expect(unknown.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
		expect(unknown.every((a) => a.schedule === null && !a.outOfAdherence)).toBe(true);
	});

	it('does not flag an agent who is not judged', () => {
		const list = todayAgents(directory, new Map(), new Map([['a1', adherence('a1', 'unscheduled', null)]]));
		expect(list.find((a) => a.id === 'a1')).toMatchObject({ outOfAdherence: false, schedule: { inAdherence: null } });
	});
});
