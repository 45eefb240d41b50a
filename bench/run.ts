// `npm run bench`: runs every benchmark, prints one table, and appends the
// figures with the date and machine to bench/RESULTS.md. Not part of
// `npm test`: figures are reported, not asserted.
//   npm run bench -- --quick   shorter hold (10 s) for a smoke run
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServerApi } from './server-api.ts';
import { printTable } from './support/stats.ts';

const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));

const rows = await benchServerApi({ holdSeconds: quick ? 10 : 60 });
const table = printTable(rows);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
appendFileSync(
	path.join(here, 'RESULTS.md'),
	`\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}\n\n${machine}\n\n${table}\n`
);
process.exit(0);
