// Asterisk queue_log → Callboard ingest. Reads the file (or follows it with
// --follow), maps queue and member names through the --map file and sends
// call and agent-state events to rpc('ingest_events') with the service key.
// Prints a summary: lines, events, skipped lines by reason, unknown verbs.
import { stat } from 'node:fs/promises';
import { parseCliArgs, serviceKeyFromDataDir, UsageError, USAGE } from './asterisk/cli-options.ts';
import type { IngestSink } from './asterisk/event-batcher.ts';
import { loadMapping } from './asterisk/mapping.ts';
import { runFeeder } from './asterisk/run-feeder.ts';
import { formatSummary } from './asterisk/summary.ts';
import { supabaseSink } from './asterisk/supabase-sink.ts';

const log = (line: string) => console.error(`[asterisk-queue-log] ${line}`);

async function main(): Promise<number> {
	let options;
	try {
		options = parseCliArgs(process.argv.slice(2));
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`${err.message}\n${USAGE}`);
		return 2;
	}
	const mapping = await loadMapping(options.map);
	// Following may start before the file exists; a one-off read of a missing file is a mistake.
	if (!options.follow) await stat(options.file);
	const sink: IngestSink = options.dryRun
		? (events) => Promise.resolve({ accepted: events.length, duplicates: 0 })
		: supabaseSink(options.url, options.key ?? (await serviceKeyFromDataDir()));

	const stop = new AbortController();
	let signals = 0;
	const onSignal = (name: string) => {
		signals += 1;
		if (signals === 1) {
			log(`${name}: sending what was read, then stopping (again to quit at once)`);
			stop.abort();
		} else {
			log(`${name}: quitting; undelivered events are sent again on the next run (their ids dedupe)`);
			process.exit(1);
		}
	};
	process.on('SIGINT', () => onSignal('SIGINT'));
	process.on('SIGTERM', () => onSignal('SIGTERM'));

	if (options.follow) log(`following ${options.file}`);
	const report = await runFeeder({
		file: options.file,
		mapping,
		sink,
		follow: options.follow,
		pollMs: options.pollMs,
		signal: stop.signal,
		log
	});
	const { delivery, tail } = report;
	console.log(formatSummary(report.summary));
	console.log(
		`delivered: ${delivery.accepted} accepted, ${delivery.duplicates} duplicates, ${delivery.rejected.length} refused` +
			` in ${delivery.batches} batch(es), ${delivery.retries} retries${options.dryRun ? ' (dry run: nothing sent)' : ''}`
	);
	if (tail.rotations || tail.truncations) console.log(`rotations: ${tail.rotations}, truncations: ${tail.truncations}`);
	if (report.incomplete_last_line) console.log('the file ends without a newline: its last line was not read');
	for (const r of delivery.rejected.slice(0, 20)) console.log(`refused ${r.event_id} (${r.kind}): ${r.error}`);
	return delivery.rejected.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		log(err instanceof Error ? err.message : String(err));
		process.exit(1);
	}
);
