// The simulator's command line: parse, run until the duration is up or
// Ctrl-C, print a summary. Returns the process exit code.
import { noDelivery } from '../ingest-client/event-batcher.ts';
import { formatDelivery } from '../ingest-client/format-delivery.ts';
import { dryRunSink } from '../ingest-client/ingest-sink.ts';
import { resolveServiceKey } from '../ingest-client/service-key.ts';
import { supabaseSink } from '../ingest-client/supabase-sink.ts';
import { runWithUsage } from '../shared/cli-args.ts';
import { backfillDays, daysBefore, type BackfillReport } from './backfill.ts';
import { parseCliArgs, USAGE, type CliOptions } from './cli-options.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { supabaseScheduleSource } from './published-schedule.ts';
import { supabaseCalendarSource } from './site-calendar.ts';
import { localTime, startSimulator, type SimulatorHandle } from './start-simulator.ts';

export function runCli(argv: string[]): Promise<number> {
	return runWithUsage(argv, USAGE, parseCliArgs, simulate);
}

async function simulate(cli: CliOptions): Promise<number> {
	const sim = startSimulator({
		speed: cli.speed,
		seed: cli.seed,
		start: cli.start,
		durationMs: cli.durationMs,
		warmup: cli.backfill ? 'backfill' : 'snapshot',
		tag: cli.tag,
		url: cli.url,
		key: cli.key,
		sink: cli.dryRun ? dryRunSink : undefined,
		mayRunAhead: cli.dryRun
	});
	const stopHistory = new AbortController();
	const history = cli.historyWeeks > 0 ? backfillHistory(cli, sim, stopHistory.signal) : undefined;
	let signals = 0;
	const onSignal = (name: string) => {
		signals += 1;
		if (signals > 1) process.exit(1);
		console.error(`[simulator] ${name}: sending what is queued, then stopping (again to quit at once)`);
		stopHistory.abort();
		void sim.stop();
	};
	process.on('SIGINT', () => onSignal('SIGINT'));
	process.on('SIGTERM', () => onSignal('SIGTERM'));

	const report = await sim.done;
	const kinds = Object.entries(report.byKind)
		.map(([kind, n]) => `${kind} ${n}`)
		.join(', ');
	console.log(`simulated until ${localTime(report.simulatedUntil)} site time: ${report.events} events (${kinds})`);
	console.log(formatDelivery(report.delivery, cli.dryRun));
	const past = await history;
	if (past) {
		console.log(`history: ${past.days} day(s), ${past.events} events${past.error ? ` (${past.error})` : ''}`);
		console.log(formatDelivery(past.delivery, cli.dryRun));
	}
	const failed = (r: { error?: string; delivery: { dropped: number } }) => Boolean(r.error) || r.delivery.dropped > 0;
	return failed(report) || (past && failed(past)) ? 1 : 0;
}

/** The weeks before the start's day, once the run has sent its own day's warm-up. */
async function backfillHistory(cli: CliOptions, sim: SimulatorHandle, signal: AbortSignal): Promise<BackfillReport> {
	const days = daysBefore(cli.start ?? Date.now(), cli.historyWeeks * 7);
	await sim.warmedUp;
	const log = (line: string) => console.error(`[simulator] history: ${line}`);
	const { seed, tag } = cli;
	if (cli.dryRun) return backfillDays({ days, seed, tag, sink: dryRunSink, signal, log });
	let key: string;
	try {
		key = await resolveServiceKey(cli.key);
	} catch (err) {
		return {
			days: 0,
			events: 0,
			byKind: {},
			delivery: noDelivery(),
			error: err instanceof Error ? err.message : String(err)
		};
	}
	return backfillDays({
		days,
		seed,
		tag,
		sink: supabaseSink(cli.url, key),
		schedules: supabaseScheduleSource(cli.url, key, DEMO_SITE_ID),
		calendar: supabaseCalendarSource(cli.url, key, DEMO_SITE_ID),
		signal,
		log
	});
}
