// The rota editor's edits as public.apply_schedule_edits takes them, and
// their inverses for undo. A cell is one agent on one day; a set replaces
// what the cell holds, an add puts one more shift (or an open one) in it.
import type { Json } from '$lib/database.types';

export interface RotaShift {
	id: string;
	agent_id: string | null;
	day: string;
	template_id: string | null;
	starts_at: string;
	ends_at: string;
	breaks: Json;
	paid_min: number;
	note: string | null;
}

export type ShiftFields = {
	template_id: string | null;
	starts_at?: string;
	ends_at?: string;
	breaks?: Json;
	note?: string | null;
};

export type Edit =
	| ({ op: 'set' | 'add'; agent_id: string | null; day: string } & ShiftFields)
	| { op: 'clear'; agent_id: string; day: string }
	| { op: 'remove'; shift_id: string };

export const cellKey = (agentId: string, day: string) => `${agentId}|${day}`;

/** The shifts of each agent's day, in start order. */
export function shiftsByCell(shifts: readonly RotaShift[]): Map<string, RotaShift[]> {
	const cells = new Map<string, RotaShift[]>();
	for (const shift of shifts) {
		if (shift.agent_id === null) continue;
		const key = cellKey(shift.agent_id, shift.day);
		const list = cells.get(key) ?? [];
		list.push(shift);
		cells.set(key, list);
	}
	for (const list of cells.values()) list.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
	return cells;
}

/** A shift's fields exactly as stored: copying them keeps own times and breaks. */
export function fieldsOf(shift: RotaShift): ShiftFields {
	return {
		template_id: shift.template_id,
		starts_at: shift.starts_at.slice(0, 5),
		ends_at: shift.ends_at.slice(0, 5),
		breaks: shift.breaks,
		note: shift.note
	};
}

/** The edits that put a cell back the way it was. */
export function restoreCell(agentId: string, day: string, before: readonly RotaShift[]): Edit[] {
	if (before.length === 0) return [{ op: 'clear', agent_id: agentId, day }];
	return before.map((shift, i) => ({ op: i === 0 ? 'set' : 'add', agent_id: agentId, day, ...fieldsOf(shift) }));
}

/**
 * The inverse of a batch of cell edits, from the shifts before it: every
 * cell it touches restored. Open shifts (no agent) are not undone here; the
 * editor adds and removes them one at a time and says so.
 */
export function inverseOf(edits: readonly Edit[], before: readonly RotaShift[]): Edit[] {
	const cells = shiftsByCell(before);
	const touched = new Map<string, { agentId: string; day: string }>();
	for (const edit of edits) {
		if (edit.op === 'remove' || edit.agent_id === null) continue;
		touched.set(cellKey(edit.agent_id, edit.day), { agentId: edit.agent_id, day: edit.day });
	}
	return [...touched.entries()].flatMap(([key, { agentId, day }]) => restoreCell(agentId, day, cells.get(key) ?? []));
}

/** Moving a cell's shifts onto another cell (a drag): the target takes them, the source rests. */
export function moveCell(
	from: { agentId: string; day: string },
	to: { agentId: string; day: string },
	shifts: readonly RotaShift[]
): Edit[] {
	if (from.agentId === to.agentId && from.day === to.day) return [];
	const moving = shiftsByCell(shifts).get(cellKey(from.agentId, from.day)) ?? [];
	if (moving.length === 0) return [];
	return [
		...moving.map((shift, i): Edit => ({
			op: i === 0 ? 'set' : 'add',
			agent_id: to.agentId,
			day: to.day,
			...fieldsOf(shift)
		})),
		{ op: 'clear', agent_id: from.agentId, day: from.day }
	];
}
