// The Asterisk feeder's command line: parse, check the mapping against the
// file, send (once, or following the file until Ctrl-C), print a summary.
// Returns the exit status that USAGE lists.
import { stat } from 'node:fs/promises';
import { formatDelivery } from '../ingest-client/format-delivery.ts';
import { dryRunSink } from '../ingest-client/ingest-sink.ts';
import { resolveServiceKey } from '../ingest-client/service-key.ts';
import { supabaseSink } from '../ingest-client/supabase-sink.ts';
import { runWithUsage } from '../shared/cli-args.ts';
import { parseCliArgs, USAGE, type CliOptions } from './cli-options.ts';
import { loadMapping } from './mapping.ts';
import { runFeeder, type FeederReport } from './run-feeder.ts';
import { formatSummary, formatUnmapped } from './summary.ts';

export const EXIT_UNMAPPED = 3;

const log = (line: string) => console.error(`[asterisk-queue-log] ${line}`);

export function runCli(argv: string[]): Promise<number> {
	return runWithUsage(argv, USAGE, parseCliArgs, feed);
}

function unmappedMessage(report: FeederReport, options: CliOptions): string {
	const names = formatUnmapped(report.summary).map((line) => `  ${line}`);
	const what = report.sent_nothing
		? `nothing was sent: ${options.file} names queues or members that ${options.map} lacks`
		: `stopped at a line naming a queue or member that ${options.map} lacks; everything before it was sent`;
	return [
		what,
		...names,
		'Add them to "queues" or "agents" in the map and run again (what was sent before is recognised), or pass',
		'--skip-unmapped to leave their lines out.'
	].join('\n');
}

async function feed(options: CliOptions): Promise<number> {
	const mapping = await loadMapping(options.map);
	// Following may start before the file exists; a one-off read of a missing file is a mistake.
	if (!options.follow) await stat(options.file);
	const sink = options.dryRun ? dryRunSink : supabaseSink(options.url, await resolveServiceKey(options.key));

	const stop = new AbortController();
	let signals = 0;
	const onSignal = (name: NodeJS.Signals) => {
		signals += 1;
		if (signals === 1) {
			log(`${name}: sending what was read, then stopping (again to quit at once)`);
			stop.abort();
		} else {
			log(`${name}: quitting; undelivered events are sent again on the next run (their ids dedupe)`);
			process.exit(1);
		}
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	if (options.follow) log(`following ${options.file}`);
	let report: FeederReport;
	try {
		report = await runFeeder({
			file: options.file,
			mapping,
			sink,
			follow: options.follow,
			skipUnmapped: options.skipUnmapped,
			pollMs: options.pollMs,
			signal: stop.signal,
			log
		});
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
	if (report.sent_nothing) {
		console.error(unmappedMessage(report, options));
		return EXIT_UNMAPPED;
	}
	console.log(formatSummary(report.summary));
	console.log(formatDelivery(report.delivery, options.dryRun));
	const { tail } = report;
	if (tail.rotations || tail.truncations) console.log(`rotations: ${tail.rotations}, truncations: ${tail.truncations}`);
	if (report.incomplete_last_line) console.log('the file ends without a newline: its last line was not read');
	if (report.stopped === 'unmapped') {
		console.error(unmappedMessage(report, options));
		return EXIT_UNMAPPED;
	}
	const { delivery } = report;
	return delivery.fatal || delivery.rejected > 0 || delivery.dropped > 0 ? 1 : 0;
}
