// Benchmark of the terminal import (issue 12): a ZKTeco-style CSV of
// 100,000 punches (500 agents × 25 days × 8 passes) read by the browser's
// parser (src/lib/attendance/import/) and stored through
// public.import_punches in the chunks the import page sends, on PGlite and
// PostgreSQL 15. Goal: parse + store < 10 s. The database's dry run that the
// page's preview makes first is timed on its own. Storing includes the
// engine's judging of the 12,500 agent-days the punches touch (its trigger
// on punches); the bench agents have no shifts, so those days are judged as
// days without one.
import { IMPORT_CHUNK, importChunks } from '../src/lib/attendance/import/chunks.ts';
import { findHeader } from '../src/lib/attendance/import/columns.ts';
import { splitCsv } from '../src/lib/attendance/import/csv.ts';
import { decodeText } from '../src/lib/attendance/import/decode.ts';
import { readPunches, type ImportPunch } from '../src/lib/attendance/import/punches.ts';
import type { Db } from '../server/db/types.ts';
import { DEMO_SITE } from '../tests/support/demo.ts';
import { freshDb, type BenchEngine } from './support/fresh-db.ts';
import { ms, type Row } from './support/stats.ts';

const TEAM = '7e000000-0000-4000-8000-0000000000c1';
const AGENTS = 500;

async function seedAgents(db: Db, count: number): Promise<void> {
	await db.query(`insert into public.teams (id, site_id, name) values ($1, $2, 'Import bench team')`, [
		TEAM,
		DEMO_SITE
	]);
	await db.query(
		`insert into public.agents (site_id, team_id, display_name, employee_no)
		 select $1, $2, '导入测试 ' || i, 'BI' || lpad(i::text, 4, '0') from generate_series(1, $3::int) as i`,
		[DEMO_SITE, TEAM, count]
	);
}

// A face terminal records every pass through the door: per agent and day
// arrival, out and back for lunch and for two breaks, and leaving — eight
// punches, as a month's export of a 500-agent floor has them.
const PASSES: readonly [hour: number, minute: number, state: string][] = [
	[8, 41, 'C/In'],
	[10, 30, 'Break Out'],
	[10, 45, 'Break In'],
	[12, 1, 'C/Out'],
	[12, 40, 'C/In'],
	[15, 30, 'Break Out'],
	[15, 45, 'Break In'],
	[18, 2, 'C/Out']
];

/** The export, in file order by day as terminals write it. */
function exportFile(agents: number, days: number): Uint8Array {
	const lines = ['AC-No.,Name,Time,State'];
	const first = Date.UTC(2026, 6, 1);
	const two = (n: number) => String(n).padStart(2, '0');
	for (let d = 0; d < days; d++) {
		const date = new Date(first + d * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '/');
		for (let a = 1; a <= agents; a++) {
			const no = `BI${String(a).padStart(4, '0')}`;
			for (const [hour, minute, state] of PASSES) {
				const late = (a * 7 + d + hour) % 15;
				lines.push(`${no},导入测试 ${a},${date} ${hour}:${two(minute + late)}:${two((a + d) % 60)},${state}`);
			}
		}
	}
	return new TextEncoder().encode(lines.join('\r\n'));
}

function parse(bytes: Uint8Array): ImportPunch[] {
	const rows = splitCsv(decodeText(bytes).text);
	const { index, mapping } = findHeader(rows);
	const read = readPunches(rows.slice(index + 1), mapping);
	if (read.problems.length > 0) throw new Error(`the bench file has bad lines: ${JSON.stringify(read.problems[0])}`);
	return read.punches;
}

interface ImportAnswer {
	batch_id: string | null;
	stored: number;
	valid: number;
}

/** Sends the punches as the page does, chunk by chunk into one batch; the rows stored. */
async function send(db: Db, punches: readonly ImportPunch[], dryRun: boolean): Promise<number> {
	let batch: string | null = null;
	let stored = 0;
	for (const rows of importChunks(punches)) {
		const result: { rows: { r: ImportAnswer }[] } = await db.query<{ r: ImportAnswer }>(
			`select public.import_punches($1, 'bench.csv', 'ac_no_time_state', 'valid_only', $2::text::jsonb, $3, $4) as r`,
			[DEMO_SITE, JSON.stringify(rows), dryRun, batch],
			{ timeoutMs: 60_000 }
		);
		const r: ImportAnswer | undefined = result.rows[0]?.r;
		if (!r) throw new Error('import_punches answered nothing');
		batch ??= r.batch_id;
		stored += dryRun ? r.valid : r.stored;
	}
	return stored;
}

async function importOn(engine: BenchEngine, days: number): Promise<Row> {
	const { db, stop } = await freshDb(engine);
	try {
		await seedAgents(db, AGENTS);
		const bytes = exportFile(AGENTS, days);
		const total = AGENTS * days * PASSES.length;

		const checkStart = performance.now();
		const checked = await send(db, parse(bytes), true);
		const checkMs = performance.now() - checkStart;

		const started = performance.now();
		const punches = parse(bytes);
		const parsedMs = performance.now() - started;
		const stored = await send(db, punches, false);
		const allMs = performance.now() - started;
		if (stored !== total || checked !== total) throw new Error(`checked ${checked} and stored ${stored} of ${total}`);
		return {
			benchmark: `terminal import, ${total.toLocaleString('en')} punches of ${AGENTS} agents (CSV, chunks of ${IMPORT_CHUNK}), ${engine}`,
			figure: `parse + store ${ms(allMs)} (parse ${ms(parsedMs)}); preview dry run ${ms(checkMs)}; ${(bytes.length / 2 ** 20).toFixed(1)} MiB`,
			goal: total >= 100_000 ? 'parse + store < 10 s' : '(quick: 3 days of the file)',
			met: total >= 100_000 ? allMs < 10_000 : null
		};
	} finally {
		await stop();
	}
}

export async function benchAttendanceImport({ quick }: { quick: boolean }): Promise<Row[]> {
	const days = quick ? 3 : 25;
	return [await importOn('pglite', days), await importOn('postgres', days)];
}
