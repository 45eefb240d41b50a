// `npm run bench`: runs every benchmark, prints one table, and appends the
// figures with the date and machine to bench/RESULTS.md. Not part of
// `npm test`: figures are reported, not asserted.
//   npm run bench -- --quick          shorter runs, for a smoke test
//   npm run bench -- --only ingest    one group (api, ingest, wall, slow, schedule, staffing, attendance,
//                                     outbound, floor)
//   npm run bench -- --only floor --minutes 10 --agents 250,500,1000   (bench/floor.ts for the rest)
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAttendanceImport } from './attendance-import.ts';
import { benchAttendanceJudge } from './attendance-judge.ts';
import { benchFloor } from './floor.ts';
import { benchIngest } from './ingest.ts';
import { benchMeFirstNumbers } from './me-first-numbers.ts';
import { benchOutboundStatements } from './outbound-statements.ts';
import { benchSchedule } from './schedule.ts';
import { benchServerApi } from './server-api.ts';
import { benchSlowQuery } from './slow-query.ts';
import { benchStaffing } from './staffing.ts';
import { benchWall } from './wall.ts';
import { printTable, type Row } from './support/stats.ts';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
const groups: Record<string, () => Promise<Row[]>> = {
	api: () => benchServerApi({ holdSeconds: quick ? 10 : 60 }),
	ingest: () => benchIngest({ quick }),
	wall: () => benchWall({ quick }),
	slow: () => benchSlowQuery({ quick }),
	schedule: () => benchSchedule({ quick }),
	staffing: () => benchStaffing({ quick }),
	attendance: async () => [...(await benchAttendanceJudge({ quick })), ...(await benchAttendanceImport({ quick }))],
	outbound: async () => [...(await benchOutboundStatements({ quick })), ...(await benchMeFirstNumbers({ quick }))],
	floor: () => benchFloor({ quick })
};
if (only !== undefined && !(only in groups)) throw new Error(`--only takes one of: ${Object.keys(groups).join(', ')}`);

const rows: Row[] = [];
for (const [name, run] of Object.entries(groups)) {
	if (only === undefined || only === name) rows.push(...(await run()));
}
const table = printTable(rows);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
appendFileSync(
	path.join(here, 'RESULTS.md'),
	`\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}\n\n${machine}\n\n${table}\n`
);
process.exit(0);
