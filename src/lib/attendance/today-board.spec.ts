import { describe, expect, it } from 'vitest';
import type { TodayLine, TodayState } from '$lib/data/attendance-today';
import { boardLines, todayCounts } from './today-board';

let n = 0;
function line(state: TodayState, minutes: number | null = null, team = 't1', name = `agent ${++n}`): TodayLine {
	return {
		agent_id: `a${++n}`,
		display_name: name,
		employee_no: `E${n}`,
		team_id: team,
		team_name: team,
		work_date: '2026-12-05',
		shift_id: `s${n}`,
		shift_start: '2026-12-05T01:00:00Z',
		shift_end: '2026-12-05T10:00:00Z',
		day_id: null,
		status: null,
		first_in: null,
		last_out: null,
		late_min: null,
		early_min: null,
		state,
		minutes
	};
}

describe('todayCounts', () => {
	it('counts late arrivals as in and as late, overdue ones as late and not in', () => {
		const counts = todayCounts([
			line('in'),
			line('late', 12),
			line('overdue', 30),
			line('due'),
			line('leave'),
			line('absent'),
			line('outing'),
			line('left', 20)
		]);
		expect(counts).toEqual({ in: 2, late: 2, notIn: 2, leave: 1, absent: 1, outing: 1, left: 1 });
	});
});

describe('boardLines', () => {
	it('lists overdue first, the most minutes first, then late, absent, due and in', () => {
		const lines = [
			line('in', null, 't1', 'In'),
			line('late', 8, 't1', 'Late 8'),
			line('overdue', 3, 't1', 'Overdue 3'),
			line('overdue', 40, 't1', 'Overdue 40'),
			line('absent', null, 't1', 'Absent'),
			line('due', null, 't1', 'Due')
		];
		expect(boardLines(lines, null).map((l) => l.display_name)).toEqual([
			'Overdue 40',
			'Overdue 3',
			'Late 8',
			'Absent',
			'Due',
			'In'
		]);
	});

	it('shows one team when asked', () => {
		const lines = [line('in', null, 't1'), line('in', null, 't2')];
		expect(boardLines(lines, 't2').map((l) => l.team_id)).toEqual(['t2']);
	});
});
