// The feeder's loop: file → complete lines → events → batches → sink. Without
// `follow` it reads the file once to its end and closes every open wrap; with
// it, it keeps polling the file and ends wraps by the wall clock while the file
// is quiet, until the signal aborts.
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBatcher, type BatcherOptions, type DeliveryStats, type IngestSink } from './event-batcher.ts';
import { FileTail, type TailStats } from './file-tail.ts';
import type { FeederMapping } from './mapping.ts';
import { QueueLogMapper } from './mapper.ts';
import type { FeederSummary } from './summary.ts';

export interface FeederOptions {
	file: string;
	mapping: FeederMapping;
	sink: IngestSink;
	follow?: boolean;
	pollMs?: number;
	signal?: AbortSignal;
	/** UNIX seconds; follow mode ends after-call work by it. */
	now?: () => number;
	batcher?: BatcherOptions;
	log?: (line: string) => void;
}

export interface FeederReport {
	summary: FeederSummary;
	tail: TailStats;
	delivery: DeliveryStats;
	/** The file ended without a newline: that last line was not read (it may still be being written). */
	incomplete_last_line: boolean;
}

// A line is written a moment after its timestamp; a wrap is ended by the clock
// only once no line that could cut it short can still arrive.
const CLOCK_SLACK_S = 2;

export async function runFeeder(options: FeederOptions): Promise<FeederReport> {
	const { signal } = options;
	const now = options.now ?? (() => Date.now() / 1000);
	const tail = new FileTail(options.file);
	const mapper = new QueueLogMapper(options.mapping);
	const batcher = new EventBatcher(options.sink, { log: options.log, ...options.batcher });
	try {
		for (;;) {
			for (const line of await tail.read()) await batcher.push(mapper.feed(line));
			if (!tail.caughtUp) continue;
			if (!options.follow || signal?.aborted) break;
			await batcher.push(mapper.flushDue(now() - CLOCK_SLACK_S));
			try {
				await sleep(options.pollMs ?? 250, undefined, { signal });
			} catch {
				break; // aborted
			}
		}
		// When following, open wraps are not over yet; a restart replays the file and finds them again.
		if (!options.follow) await batcher.push(mapper.finish());
		await batcher.flush();
		return {
			summary: mapper.summary(),
			tail: { ...tail.stats },
			delivery: batcher.stats,
			incomplete_last_line: tail.holdsPartialLine
		};
	} finally {
		await tail.close();
	}
}
