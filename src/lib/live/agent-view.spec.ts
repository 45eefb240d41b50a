import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_SETTINGS } from './board-settings';
import type { AgentLiveRow } from './live-rows';
import { agentViews } from './agent-view';

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
