import { describe, expect, it } from 'vitest';
import { inverseOf, moveCell, restoreCell, shiftsByCell, type RotaShift } from './edits';

const shift = (id: string, agent: string | null, day: string, start = '09:00:00', end = '18:00:00'): RotaShift => ({
	id,
	agent_id: agent,
	day,
	template_id: 'tpl',
	starts_at: start,
	ends_at: end,
	breaks: [],
	paid_min: 480,
	note: null
});

describe('shiftsByCell', () => {
	it('groups by agent and day in start order and leaves open shifts out', () => {
		const cells = shiftsByCell([shift('b', 'a1', 'd1', '13:00:00'), shift('a', 'a1', 'd1'), shift('o', null, 'd1')]);
		expect(cells.get('a1|d1')?.map((s) => s.id)).toEqual(['a', 'b']);
		expect(cells.size).toBe(1);
	});
});

describe('inverseOf', () => {
	const before = [shift('s1', 'a1', 'd1'), shift('s2', 'a2', 'd1', '22:00:00', '06:30:00')];
	it('restores a replaced shift with its own times and clears a new one', () => {
		const inverse = inverseOf(
			[
				{ op: 'set', agent_id: 'a1', day: 'd1', template_id: 'late' },
				{ op: 'set', agent_id: 'a3', day: 'd1', template_id: 'late' }
			],
			before
		);
		expect(inverse).toEqual([
			{
				op: 'set',
				agent_id: 'a1',
				day: 'd1',
				template_id: 'tpl',
				starts_at: '09:00',
				ends_at: '18:00',
				breaks: [],
				note: null
			},
			{ op: 'clear', agent_id: 'a3', day: 'd1' }
		]);
	});
	it('restores a cell once however often the batch touched it', () => {
		const inverse = inverseOf(
			[
				{ op: 'clear', agent_id: 'a2', day: 'd1' },
				{ op: 'set', agent_id: 'a2', day: 'd1', template_id: 'x' }
			],
			before
		);
		expect(inverse).toHaveLength(1);
		expect(inverse[0]).toMatchObject({ op: 'set', starts_at: '22:00', ends_at: '06:30' });
	});
	it('puts back two shifts of one day as set then add', () => {
		expect(
			restoreCell('a1', 'd1', [shift('x', 'a1', 'd1'), shift('y', 'a1', 'd1', '19:00:00', '21:00:00')]).map((e) => e.op)
		).toEqual(['set', 'add']);
	});
});

describe('moveCell', () => {
	const shifts = [shift('s1', 'a1', 'd1')];
	it('sets the target and rests the source', () => {
		expect(moveCell({ agentId: 'a1', day: 'd1' }, { agentId: 'a2', day: 'd2' }, shifts)).toEqual([
			{
				op: 'set',
				agent_id: 'a2',
				day: 'd2',
				template_id: 'tpl',
				starts_at: '09:00',
				ends_at: '18:00',
				breaks: [],
				note: null
			},
			{ op: 'clear', agent_id: 'a1', day: 'd1' }
		]);
	});
	it('does nothing onto itself or from an empty cell', () => {
		expect(moveCell({ agentId: 'a1', day: 'd1' }, { agentId: 'a1', day: 'd1' }, shifts)).toEqual([]);
		expect(moveCell({ agentId: 'a9', day: 'd1' }, { agentId: 'a1', day: 'd2' }, shifts)).toEqual([]);
	});
});
