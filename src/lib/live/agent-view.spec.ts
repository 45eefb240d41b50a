import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_SETTINGS } from './board-settings';
import type { AgentLiveRow } from './live-rows';
import type { AdherenceRow } from '$lib/data/adherence';
import { adherenceKey, agentViews } from './agent-view';

const now = Date.parse('2026-11-23T02:00:00Z');
const ago = (s: number) => new Date(now - s * 1000).toISOString();
const directory = {
	agents: [
		{ id: 'a1', display_name: '王伟', employee_no: 'E001', team_id: 't1', active: true },
		{ id: 'a2', display_name: '李芳', employee_no: 'E002', team_id: 't1', active: true },
		{ id: 'a3', display_name: '张娜', employee_no: 'E003', team_id: 't2', active: true }
	],
	teams: [
		{ id: 't1', name: '热线一组', kind: 'inbound' as const },
		{ id: 't2', name: '客服组', kind: 'inbound' as const }
	],
	queues: []
};
function live(agent_id: string, state: AgentLiveRow['state'], secondsAgo: number): AgentLiveRow {
	return {
		agent_id,
		site_id: 's',
		state,
		state_since: ago(secondsAgo),
		reason: null,
		queue_id: null,
		version: 1,
		updated_at: ''
	};
}

describe('agentViews', () => {
	it('flags a state held past its limit (break > 15 min, wrap-up > 2 min) and not before', () => {
		const views = agentViews(
			directory,
			[live('a1', 'break', 16 * 60), live('a2', 'wrap_up', 119), live('a3', 'available', 3_600)],
			now,
			DEFAULT_BOARD_SETTINGS.agent_limits_s
		);
		expect(views.map((v) => [v.name, v.state, v.overLimit])).toEqual([
			['张娜', 'available', false],
			['李芳', 'wrap_up', false],
			['王伟', 'break', true]
		]);
		expect(views[2]).toMatchObject({ seconds: 960, limitS: 900, team: '热线一组' });
		expect(views[0]?.limitS).toBeNull();
	});

	it('orders by state, then longest in state first, and can keep only some agents', () => {
		const views = agentViews(
			directory,
			[live('a1', 'on_call', 30), live('a2', 'on_call', 300), live('a3', 'offline', 10)],
			now,
			DEFAULT_BOARD_SETTINGS.agent_limits_s
		);
		expect(views.map((v) => v.id)).toEqual(['a2', 'a1']);
		const some = agentViews(
			directory,
			[live('a1', 'on_call', 30), live('a2', 'on_call', 300)],
			now,
			DEFAULT_BOARD_SETTINGS.agent_limits_s,
			(id) => id === 'a1'
		);
		expect(some.map((v) => v.id)).toEqual(['a1']);
	});
});

describe('agentViews with adherence', () => {
	const row = (agent_id: string, fields: Partial<AdherenceRow>): AdherenceRow => ({
		agent_id,
		scheduled_activity: 'shift',
		scheduled_until: '2026-11-23T10:00:00Z',
		actual_state: 'available',
		in_adherence: true,
		out_since: null,
		minutes_out_today: 0,
		...fields
	});

	it('gives each logged-in agent what the schedule wants, and flags those out of adherence', () => {
		const views = agentViews(
			directory,
			[live('a1', 'break', 60), live('a2', 'available', 60)],
			now,
			DEFAULT_BOARD_SETTINGS.agent_limits_s,
			undefined,
			new Map([
				['a1', row('a1', { in_adherence: false, out_since: ago(420), minutes_out_today: 7, actual_state: 'break' })],
				['a2', row('a2', { scheduled_activity: 'unscheduled', scheduled_until: null, in_adherence: null })]
			])
		);
		expect(views.map((v) => [v.id, v.outOfAdherence])).toEqual([
			['a2', false],
			['a1', true]
		]);
		expect(views[1]?.schedule).toEqual({
			activity: 'shift',
			until: Date.parse('2026-11-23T10:00:00Z'),
			inAdherence: false,
			outSince: now - 420_000,
			minutesOut: 7
		});
		expect(views[0]?.schedule?.inAdherence).toBeNull();
	});

	it('adds an offline card for an agent due on shift but not logged in, timed from when they were due', () => {
		const views = agentViews(
			directory,
			[live('a1', 'on_call', 60)],
			now,
			DEFAULT_BOARD_SETTINGS.agent_limits_s,
			undefined,
			new Map([
				['a1', row('a1', {})],
				['a2', row('a2', { actual_state: 'offline', in_adherence: false, out_since: ago(600), minutes_out_today: 10 })],
				['a3', row('a3', { actual_state: 'offline', scheduled_activity: 'off', scheduled_until: null })]
			])
		);
		expect(views.map((v) => [v.id, v.state, v.outOfAdherence])).toEqual([
			['a1', 'on_call', false],
			['a2', 'offline', true]
		]);
		expect(views[1]).toMatchObject({ seconds: 600, name: '李芳', team: '热线一组', overLimit: false });
	});

	it('has no schedule until adherence is known', () => {
		const [view] = agentViews(directory, [live('a1', 'on_call', 60)], now, DEFAULT_BOARD_SETTINGS.agent_limits_s);
		expect(view).toMatchObject({ schedule: null, outOfAdherence: false });
	});
});

describe('adherenceKey', () => {
	it('changes when someone logs in, out or goes on a break, not when a call comes or goes', () => {
		const base = adherenceKey([live('a1', 'available', 1), live('a2', 'on_call', 1)]);
		expect(adherenceKey([live('a2', 'wrap_up', 1), live('a1', 'on_call', 1)])).toBe(base);
		expect(adherenceKey([live('a1', 'lunch', 1), live('a2', 'on_call', 1)])).not.toBe(base);
		expect(adherenceKey([live('a2', 'on_call', 1)])).not.toBe(base);
	});
});
