// Asterisk queue_log → Callboard ingest. Reads the file (or follows it with
// --follow), maps queue and member names through the --map file and sends
// call and agent-state events to rpc('ingest_events') with the service key.
// Prints a summary: lines, events, skipped lines by reason, unknown verbs.
//   node --import tsx server/feeders/asterisk-queue-log.ts --help
import { runCli } from './asterisk/cli.ts';

runCli(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(`[asterisk-queue-log] ${err instanceof Error ? err.message : String(err)}`);
		process.exit(1);
	}
);
