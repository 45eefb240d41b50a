import { describe, expect, it } from 'vitest';
import type { AgentRow, OutboundTallyRow, TeamRow } from '$lib/data/wall';
import { callerViews, outboundTotals } from './outbound-view';

const teams: TeamRow[] = [
	{ id: 'tin', name: '热线一组', kind: 'inbound' },
	{ id: 'tout', name: '电开组', kind: 'outbound' }
];
const agents: AgentRow[] = [
	{ id: 'c1', display_name: '王伟', employee_no: 'E031', team_id: 'tout', active: true },
	{ id: 'c2', display_name: '李芳', employee_no: 'E032', team_id: 'tout', active: true },
	{ id: 'c3', display_name: '张娜', employee_no: 'E033', team_id: 'tout', active: true },
	{ id: 'c4', display_name: '刘敏', employee_no: 'E034', team_id: 'tout', active: true },
	{ id: 'i1', display_name: '陈静', employee_no: 'E001', team_id: 'tin', active: true }
];
const tally = (agent_id: string, connected: number, a: number, b = 0, invitations = 0): OutboundTallyRow => ({
	agent_id,
	invitations_week: invitations,
	dialed: connected * 2,
	connected,
	grade_a: a,
	grade_b: b,
	grade_c: 1,
	grade_d: 2
});

describe('callerViews', () => {
	it('lists every outbound caller, ranks by connected then A then B leads, ties share a rank', () => {
		const views = callerViews(agents, teams, [tally('c1', 80, 2), tally('c2', 104, 1), tally('c3', 80, 2)], 100, 10);
		expect(views.map((v) => [v.name, v.rank, v.connected])).toEqual([
			['李芳', 1, 104],
			['王伟', 2, 80],
			['张娜', 2, 80],
			['刘敏', 4, 0]
		]);
		expect(views.map((v) => v.level)).toEqual(['ok', 'warn', 'warn', 'bad']);
		expect(views[0]).toMatchObject({ progress: 1.04, team: '电开组', grades: { A: 1, B: 0, C: 1, D: 2 } });
	});

	it('totals the team against 100 a caller', () => {
		const views = callerViews(agents, teams, [tally('c1', 80, 2, 3, 4), tally('c2', 104, 1, 0, 10)], 100, 10);
		expect(outboundTotals(views, 100, 10)).toEqual({
			callers: 4,
			dialed: 368,
			connected: 184,
			target: 400,
			grades: { A: 3, B: 3, C: 2, D: 4 },
			invitations: 14,
			invitationsTarget: 40
		});
	});

	it('counts invitations against the weekly target: met is marked, short of it is not an alarm', () => {
		const row = { ...tally('i1', 0, 0), dialed: 0 };
		const views = callerViews(agents, teams, [tally('c1', 10, 0, 0, 10), tally('c2', 10, 0, 0, 9), row], 100, 10);
		const by = new Map(views.map((v) => [v.id, v]));
		expect(by.get('c1')).toMatchObject({ invitations: 10, invitationsLevel: 'ok' });
		expect(by.get('c2')).toMatchObject({ invitations: 9, invitationsLevel: 'none' });
		expect(by.get('c3')).toMatchObject({ invitations: 0, invitationsLevel: 'none' });
		// Anyone with a row in the tally (visits but no calls today) is listed too.
		expect(by.has('i1')).toBe(true);
	});
});
