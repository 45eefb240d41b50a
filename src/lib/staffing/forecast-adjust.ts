// An adjustment to a forecast day as the form sees it: its checks, so the
// form can say in words what is wrong before asking, and the preview of its
// effect on the chart. adjust_forecast in SQL is the rule that counts (it
// checks the same and applies the same arithmetic); the cases of its pgTAP
// test are this module's tests too.

export type AdjustKind = 'percent' | 'absolute';

export interface AdjustDraft {
	/** 'HH:MM' site-local, or null for the day's start. */
	fromTime: string | null;
	/** 'HH:MM', or null for the day's end. */
	toTime: string | null;
	kind: AdjustKind;
	value: number;
	reason: string;
}

export type AdjustProblem = 'value' | 'percent-floor' | 'reason' | 'quarter' | 'order' | 'empty-range' | 'negative';

interface Point {
	minute: number;
	offered: number;
}

/** Minutes since midnight of 'HH:MM' (24:00 is the day's end). */
export function minuteOf(time: string): number {
	const [h, mi] = time.split(':').map(Number);
	return (h ?? 0) * 60 + (mi ?? 0);
}

const bounds = (d: Pick<AdjustDraft, 'fromTime' | 'toTime'>) => ({
	from: d.fromTime ? minuteOf(d.fromTime) : 0,
	to: d.toTime ? minuteOf(d.toTime) : 1440
});

/** Whether an interval starting at `minute` is in the draft's range. */
export function inRange(minute: number, draft: Pick<AdjustDraft, 'fromTime' | 'toTime'>): boolean {
	const { from, to } = bounds(draft);
	return minute >= from && minute < to;
}

/** What is wrong with the draft for this day's intervals, or null. */
export function adjustProblem(draft: AdjustDraft, day: readonly Point[]): AdjustProblem | null {
	if (!Number.isFinite(draft.value)) return 'value';
	if (draft.kind === 'percent' && draft.value <= -100) return 'percent-floor';
	if (draft.reason.trim() === '' || draft.reason.trim().length > 500) return 'reason';
	const { from, to } = bounds(draft);
	if (from % 15 !== 0 || to % 15 !== 0) return 'quarter';
	if (from >= to) return 'order';
	const range = day.filter((p) => inRange(p.minute, draft));
	if (range.length === 0) return 'empty-range';
	const total = range.reduce((sum, p) => sum + p.offered, 0);
	if (draft.kind === 'absolute' && total + draft.value < -1e-9) return 'negative';
	return null;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The day's intervals as the adjustment would leave them (AHT is not changed). */
export function applyAdjustment<P extends Point>(day: readonly P[], draft: AdjustDraft): P[] {
	const range = day.filter((p) => inRange(p.minute, draft));
	const total = range.reduce((sum, p) => sum + p.offered, 0);
	return day.map((p) => {
		if (!inRange(p.minute, draft)) return p;
		let offered: number;
		if (draft.kind === 'percent') offered = p.offered * (1 + draft.value / 100);
		else if (total > 0) offered = (p.offered * (total + draft.value)) / total;
		else offered = draft.value / range.length;
		return { ...p, offered: round3(Math.max(0, offered)) };
	});
}
