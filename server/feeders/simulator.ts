// A realistic day at the demo call center, sent to rpc('ingest_events') as
// it happens in simulated time: inbound calls following a real-estate day
// curve, agents' shifts, breaks and lunches, outbound callers dialling their
// lists. The server calls startSimulator(); run this file for the CLI:
//   node --import tsx server/feeders/simulator.ts [--speed 60] [--seed 42] [--start ISO] [--duration 8h]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './simulator/cli.ts';

export {
	startSimulator,
	type SimulatorHandle,
	type SimulatorOptions,
	type SimulatorReport
} from './simulator/start-simulator.ts';
export type { IngestSink } from './ingest-client/ingest-sink.ts';
export type { IngestEvent } from './simulator/ingest-event.ts';

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
	runCli(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(`[simulator] ${err instanceof Error ? err.message : String(err)}`);
			process.exit(1);
		}
	);
}
