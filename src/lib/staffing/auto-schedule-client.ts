// What a page calls to generate a schedule: starts the auto-schedule Web
// Worker, forwards its progress, and settles with the result. cancel()
// terminates the worker at once (HiGHS cannot be interrupted from outside a
// synchronous solve) and settles with status 'cancelled'.
//
//   const run = startAutoSchedule(input, { timeLimitSeconds: 20, onProgress: (p) => (progress = p) });
//   cancelButton.onclick = run.cancel;
//   const result = await run.result; // status, objective, bound, gap, seconds, assignments, ...
//
// The input is posted to the worker, so it must be plain data: pass
// $state.snapshot(x) rather than a Svelte state proxy. Progress arrives a few
// times a second per stage ('relaxation', 'rounding', 'search').
import type { AutoScheduleProgress, AutoScheduleResult } from './auto-schedule.ts';
import type { AutoScheduleReply, AutoScheduleRequest } from './auto-schedule-protocol.ts';
import type { ScheduleInput } from './schedule-model-types.ts';

export interface AutoScheduleRunOptions {
	timeLimitSeconds?: number;
	relativeGap?: number;
	onProgress?: (progress: AutoScheduleProgress) => void;
}

export interface AutoScheduleRun {
	/** Resolves with the result (also when cancelled); rejects when the worker fails or the input is refused. */
	result: Promise<AutoScheduleResult>;
	cancel: () => void;
}

/** The result of a run stopped by the page: nothing to save. */
export function cancelledResult(seconds: number): AutoScheduleResult {
	const none = { agentIntervals: 0, agentHours: 0 };
	return {
		status: 'cancelled',
		objective: null,
		bound: null,
		gap: null,
		seconds,
		assignments: [],
		underCoverage: none,
		overCoverage: none,
		score: null,
		stages: []
	};
}

/** An Error whose name is the worker's (RangeError for input the model refused). */
function workerError(name: string, message: string): Error {
	const error = name === 'RangeError' ? new RangeError(message) : new Error(message);
	if (error.name !== name) error.name = name;
	return error;
}

export function startAutoSchedule(input: ScheduleInput, options: AutoScheduleRunOptions = {}): AutoScheduleRun {
	const started = performance.now();
	const worker = new Worker(new URL('./auto-schedule.worker.ts', import.meta.url), { type: 'module' });
	let settle: ((result: AutoScheduleResult) => void) | undefined;
	let fail: ((error: Error) => void) | undefined;
	const result = new Promise<AutoScheduleResult>((resolve, reject) => {
		settle = resolve;
		fail = reject;
	});
	const done = () => {
		settle = undefined;
		fail = undefined;
		worker.terminate();
	};
	worker.addEventListener('message', (event: MessageEvent<AutoScheduleReply>) => {
		const message = event.data;
		if (message.type === 'progress') {
			options.onProgress?.(message.progress);
		} else if (message.type === 'result') {
			settle?.(message.result);
			done();
		} else {
			fail?.(workerError(message.name, message.message));
			done();
		}
	});
	worker.addEventListener('error', (event: ErrorEvent) => {
		fail?.(new Error(`the schedule solver stopped: ${event.message || 'the worker failed to load'}`));
		done();
	});
	const request: AutoScheduleRequest = {
		type: 'solve',
		input,
		timeLimitSeconds: options.timeLimitSeconds,
		relativeGap: options.relativeGap
	};
	worker.postMessage(request);
	return {
		result,
		cancel: () => {
			settle?.(cancelledResult((performance.now() - started) / 1000));
			done();
		}
	};
}
