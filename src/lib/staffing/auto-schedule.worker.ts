// The Web Worker that generates a schedule off the page's thread: it loads
// HiGHS from the .wasm file Vite emits, runs autoSchedule, and posts its
// progress and result (auto-schedule-protocol.ts).
/// <reference lib="webworker" />
import wasmUrl from 'highs/runtime?url';
import { autoSchedule } from './auto-schedule.ts';
import type { AutoScheduleReply, AutoScheduleRequest } from './auto-schedule-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (message: AutoScheduleReply) => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<AutoScheduleRequest>) => {
	const { input, timeLimitSeconds, relativeGap } = event.data;
	autoSchedule(input, {
		timeLimitSeconds,
		relativeGap,
		wasmUrl,
		onProgress: (progress) => reply({ type: 'progress', progress })
	}).then(
		(result) => reply({ type: 'result', result }),
		(error: unknown) =>
			reply({
				type: 'error',
				name: error instanceof Error ? error.name : 'Error',
				message: error instanceof Error ? error.message : String(error)
			})
	);
});
