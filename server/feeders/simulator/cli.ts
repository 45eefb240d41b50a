// The simulator's command line: parse, run until the duration is up or
// Ctrl-C, print a summary. Returns the process exit code.
import { formatDelivery } from '../ingest-client/format-delivery.ts';
import { dryRunSink } from '../ingest-client/ingest-sink.ts';
import { runWithUsage } from '../shared/cli-args.ts';
import { parseCliArgs, USAGE, type CliOptions } from './cli-options.ts';
import { localTime, startSimulator } from './start-simulator.ts';

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
	let signals = 0;
	const onSignal = (name: string) => {
		signals += 1;
		if (signals > 1) process.exit(1);
		console.error(`[simulator] ${name}: sending what is queued, then stopping (again to quit at once)`);
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
	return report.error || report.delivery.dropped > 0 ? 1 : 0;
}
