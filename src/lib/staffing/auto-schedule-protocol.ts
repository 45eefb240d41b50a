// The messages between the page and the auto-schedule Web Worker, typed on
// both sides. The page sends one `solve`; the worker answers with any number
// of `progress` messages, then one `result` or one `error`. Cancelling is
// the page terminating the worker (a solve cannot be interrupted from
// outside: HiGHS runs synchronously inside it).
import type { AutoScheduleProgress, AutoScheduleResult } from './auto-schedule.ts';
import type { ScheduleInput } from './schedule-model-types.ts';

export interface AutoScheduleRequest {
	type: 'solve';
	input: ScheduleInput;
	timeLimitSeconds?: number;
	relativeGap?: number;
}

export type AutoScheduleReply =
	| { type: 'progress'; progress: AutoScheduleProgress }
	| { type: 'result'; result: AutoScheduleResult }
	/** name: the error's class (RangeError for bad input), message: its words. */
	| { type: 'error'; name: string; message: string };
