// The feeder's loop: file → complete lines → events → the ingest client.
// First the file as it is now is read without sending anything, to find names
// the mapping lacks: unless told to skip them, the run stops there, having
// sent nothing. Without `follow` it then reads the file once to its end; with
// it, it keeps polling the file and ends wraps by the wall clock while the
// file is quiet, until the signal aborts. A line with an unmapped name that
// arrives later (while following) stops the run at that line: everything
// before it is delivered, nothing after it is sent. A restart with the name
// mapped replays the file from its start, so nothing is lost.
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBatcher, type BatcherOptions, type DeliveryStats } from '../ingest-client/event-batcher.ts';
import type { IngestSink } from '../ingest-client/ingest-sink.ts';
import { FileTail, type TailStats } from './file-tail.ts';
import type { FeederMapping } from './mapping.ts';
import { QueueLogMapper } from './mapper.ts';
import { unmappedCount, type FeederSummary } from './summary.ts';

export interface FeederOptions {
	file: string;
	mapping: FeederMapping;
	sink: IngestSink;
	follow?: boolean;
	pollMs?: number;
	signal?: AbortSignal;
	/** Leave out the lines of queues and members the mapping lacks (counted in the summary) instead of stopping. */
	skipUnmapped?: boolean;
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
	/**
	 * Why the run ended early: `unmapped` names in the file (the summary lists
	 * them; when `sent_nothing`, the check before sending found them), or
	 * `delivery` stopped for good (delivery.fatal says why).
	 */
	stopped?: 'unmapped' | 'delivery';
	sent_nothing?: boolean;
}

// A line is written a moment after its timestamp; a wrap is ended by the clock
// only once no line that could cut it short can still arrive.
const CLOCK_SLACK_S = 2;

/** The file as it is now, mapped without sending: what the run would send, and the names it lacks. */
async function checkFile(file: string, mapping: FeederMapping): Promise<FeederSummary> {
	const tail = new FileTail(file);
	const mapper = new QueueLogMapper(mapping);
	try {
		do for (const line of await tail.read()) mapper.feed(line);
		while (!tail.caughtUp);
		return mapper.summary();
	} finally {
		await tail.close();
	}
}

export async function runFeeder(options: FeederOptions): Promise<FeederReport> {
	const { signal } = options;
	const now = options.now ?? (() => Date.now() / 1000);
	const batcher = new EventBatcher(options.sink, { log: options.log, ...options.batcher });
	const tail = new FileTail(options.file);
	if (!options.skipUnmapped) {
		const checked = await checkFile(options.file, options.mapping);
		if (unmappedCount(checked) > 0) {
			return {
				summary: checked,
				tail: { ...tail.stats },
				delivery: batcher.stats,
				incomplete_last_line: false,
				stopped: 'unmapped',
				sent_nothing: true
			};
		}
	}
	const mapper = new QueueLogMapper(options.mapping);
	let stopped: FeederReport['stopped'];
	// The wall clock ends only wraps that came due while the feeder watched the
	// live file: one already overdue when it first caught up (an old log, a
	// restart) may yet be cut short by a line it has not seen, so a line ends it.
	let watchingSince: number | undefined;
	try {
		reading: for (;;) {
			for (const line of await tail.read()) {
				await batcher.push(mapper.feed(line), signal);
				if (!options.skipUnmapped && mapper.unmappedNames > 0) {
					stopped = 'unmapped';
					break reading;
				}
				if (batcher.stopped) {
					stopped = 'delivery';
					break reading;
				}
			}
			if (!tail.caughtUp) continue;
			if (!options.follow || signal?.aborted) break;
			watchingSince ??= now();
			await batcher.push(mapper.flushDue(now() - CLOCK_SLACK_S, watchingSince - CLOCK_SLACK_S), signal);
			try {
				await sleep(options.pollMs ?? 250, undefined, { signal });
			} catch {
				break; // aborted
			}
		}
		await batcher.flush();
		if (batcher.stats.fatal) stopped = 'delivery';
		return {
			summary: mapper.summary(),
			tail: { ...tail.stats },
			delivery: batcher.stats,
			incomplete_last_line: tail.holdsPartialLine,
			...(stopped ? { stopped } : {})
		};
	} finally {
		await tail.close();
	}
}
