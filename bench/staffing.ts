// The staffing group (`npm run bench -- --only staffing`): Erlang C
// requirements for a week of 20 queues, the SQL forecast of a week, the
// schedule solver on 200 agents against a greedy baseline, and the demo's
// history backfill on both engines. Each part measures its own baseline in
// the same run; see the files for what each compares.
import { benchBackfill } from './staffing-backfill.ts';
import { benchErlang } from './staffing-erlang.ts';
import { benchForecast } from './staffing-forecast.ts';
import { benchSolver } from './staffing-solver.ts';
import type { Row } from './support/stats.ts';

export async function benchStaffing(options: { quick: boolean }): Promise<Row[]> {
	return [
		...(await benchErlang(options)),
		...(await benchForecast(options)),
		...(await benchSolver(options)),
		...(await benchBackfill(options))
	];
}
