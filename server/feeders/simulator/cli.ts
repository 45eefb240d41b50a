// The simulator's command line: parse, run until the duration is up or
// Ctrl-C, print a summary. Returns the process exit code.
import { parseCliArgs, UsageError, USAGE } from './cli-options.ts';
import { localTime, startSimulator } from './start-simulator.ts';

export async function runCli(argv: string[]): Promise<number> {
	let cli;
	try {
		cli = parseCliArgs(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`${err.message}\n${USAGE}`);
		return 2;
	}
	if (cli.help) {
		console.log(USAGE);
		return 0;
	}
	const sim = startSimulator({
		speed: cli.speed,
		seed: cli.seed,
		start: cli.start,
		durationMs: cli.durationMs,
		warmup: cli.backfill ? 'backfill' : 'snapshot',
		tag: cli.tag,
		url: cli.url,
		key: cli.key,
		sink: cli.dryRun ? () => Promise.resolve() : undefined
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
	const { delivery } = report;
	console.log(
		`delivered ${delivery.delivered} in ${delivery.batches} batch(es); ${delivery.failures} failed attempt(s), ${delivery.dropped} dropped` +
			(cli.dryRun ? ' (dry run: nothing sent)' : '')
	);
	return report.error || delivery.dropped > 0 ? 1 : 0;
}
