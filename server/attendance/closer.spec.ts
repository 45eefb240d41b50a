import { describe, expect, it } from 'vitest';
import { startAttendanceCloser } from './closer.ts';

/** A closing function answering in turn (the last answer repeats), counting its calls. */
function answering(answers: (() => Promise<number>)[]) {
	const calls: number[] = [];
	const close = () => {
		calls.push(Date.now());
		const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
		return answer ? answer() : Promise.resolve(0);
	};
	return { close, calls };
}

describe('the attendance closer', () => {
	it('closes at start and on demand, one run at a time, and logs what it closed', async () => {
		const lines: string[] = [];
		const { close, calls } = answering([() => Promise.resolve(3), () => Promise.resolve(0)]);
		const closer = startAttendanceCloser({ close, intervalMs: 60_000, log: (l) => lines.push(l) });
		expect(await closer.runNow()).toBe(0);
		expect(calls).toHaveLength(2);
		expect(lines).toEqual(['closed 3 attendance day(s)']);
		await closer.stop();
		expect(await closer.runNow()).toBe(0);
		expect(calls).toHaveLength(2);
	});

	it('says a failure once, keeps going, and runs again on its interval', async () => {
		const lines: string[] = [];
		const { close, calls } = answering([
			() => Promise.reject(new Error('database is starting')),
			() => Promise.reject(new Error('database is starting')),
			() => Promise.resolve(1)
		]);
		const closer = startAttendanceCloser({ close, intervalMs: 20, log: (l) => lines.push(l) });
		await new Promise((resolve) => setTimeout(resolve, 90));
		await closer.stop();
		expect(calls.length).toBeGreaterThanOrEqual(3);
		expect(lines.filter((l) => l.includes('failed'))).toEqual(['closing attendance days failed: database is starting']);
		expect(lines).toContain('closed 1 attendance day(s)');
	});
});
