import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_NOTE, planHistory, readHistoryNote, type HistoryNote } from './demo-history.ts';
import { addDays } from './published-schedule.ts';

/** The `count` days before `today`, newest first, as daysBefore lists them. */
const window = (today: string, count: number) => Array.from({ length: count }, (_, i) => addDays(today, -(i + 1)));
const note = (from: string, through: string, seed = 42): HistoryNote => ({
	seed,
	from,
	through,
	finishedAt: '2026-12-01T00:00:00.000Z'
});

describe('which days of history a start sends', () => {
	it('sends the whole window on a new database', () => {
		const plan = planHistory(window('2026-12-06', 56), undefined);
		expect(plan?.days).toHaveLength(56);
		expect(plan).toMatchObject({ from: '2026-10-11', through: '2026-12-05', noteFrom: '2026-10-11' });
	});

	it('sends nothing when the note already has the window', () => {
		expect(planHistory(window('2026-12-06', 56), note('2026-10-11', '2026-12-05'))).toBeUndefined();
		expect(planHistory(window('2026-12-06', 14), note('2026-10-11', '2026-12-05'))).toBeUndefined();
		expect(planHistory([], undefined)).toBeUndefined();
	});

	it('fills only the days since the last start, and the note keeps the older ones', () => {
		const plan = planHistory(window('2026-12-09', 56), note('2026-10-01', '2026-12-05'));
		expect(plan?.days).toEqual(['2026-12-08', '2026-12-07', '2026-12-06']);
		expect(plan).toMatchObject({ through: '2026-12-08', noteFrom: '2026-10-01' });
	});

	it('fills more weeks when asked for more, and forgets a note that does not join the window', () => {
		const more = planHistory(window('2026-12-06', 14), note('2026-11-29', '2026-12-05'));
		expect(more?.days).toEqual(window('2026-12-06', 14).slice(7));
		expect(more?.noteFrom).toBe('2026-11-22');
		const apart = planHistory(window('2026-12-31', 7), note('2026-10-01', '2026-11-30'));
		expect(apart?.days).toHaveLength(7);
		expect(apart?.noteFrom).toBe('2026-12-24');
	});

	it('ignores the note of another seed', () => {
		expect(planHistory(window('2026-12-06', 7), note('2026-10-01', '2026-12-05', 7))?.days).toHaveLength(7);
	});
});

describe('the history note', () => {
	it('is read back from the data folder, and a missing or broken one reads as none', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-history-note-'));
		try {
			expect(await readHistoryNote(dir)).toBeUndefined();
			writeFileSync(path.join(dir, HISTORY_NOTE), '{"seed": 42, "from": "2026-10-11"');
			expect(await readHistoryNote(dir)).toBeUndefined();
			writeFileSync(path.join(dir, HISTORY_NOTE), JSON.stringify(note('2026-10-11', '2026-12-05')));
			expect(await readHistoryNote(dir)).toEqual(note('2026-10-11', '2026-12-05'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
