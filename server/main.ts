// `npm start`: builds the SPA if needed, opens the database (PGlite in the
// data folder, or Postgres at DATABASE_URL), applies the platform shim and
// migrations, seeds the demo on first start, and serves the app and the
// Supabase-compatible API on one origin until SIGINT/SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app.ts';
import { ensureBuild } from './build.ts';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './context.ts';
import { formatDuration } from './db/duration.ts';
import { startSimulator, type SimulatorHandle } from './feeders/simulator.ts';
import { startDemoHistory, type DemoHistoryHandle } from './feeders/simulator/demo-history.ts';
import { DEMO_SITE_ID } from './feeders/simulator/demo-site.ts';
import { startOutboundDesk } from './feeders/simulator/outbound-desk.ts';
import { openDb } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { NO_DEADLINE } from './db/types.ts';
import { closeDays, startAttendanceCloser } from './attendance/closer.ts';
import { makeTreePrivate } from './db/private-files.ts';
import { readEnv } from './env.ts';
import { loadOrCreateKeys } from './keys.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[callboard] ${line}`);

// The tables the ingest writes and reads back: their statistics go stale as the history pours in.
const ANALYZE_INGEST_TABLES =
	'analyze public.call_events, public.agent_state_events, public.call_summaries, public.queue_intervals';

const DEMO_LOGINS = [
	'admin@demo.local',
	'manager@demo.local',
	'supervisor@demo.local',
	'qa@demo.local',
	'lead1@demo.local … lead4@demo.local',
	'agent01@demo.local … agent40@demo.local',
	'display@demo.local (wall TV)',
	"kiosk@demo.local (entrance kiosk; every agent's PIN is 2580)"
];

async function main(): Promise<void> {
	const env = readEnv();
	if (!env.skipBuild) await ensureBuild(root, log);

	// From here on everything this process writes is its user's alone (the
	// database worker thread inherits the mask): the data folder holds keys and
	// the WAL. Set after the build, whose output is the public app.
	process.umask(0o077);
	// A folder an older version created world-readable is tightened before anything opens it.
	const tightened = await makeTreePrivate(env.dataDir);
	if (tightened > 0) log(`made ${tightened} file(s) and folder(s) in ${env.dataDir} private to this user`);
	const keys = await loadOrCreateKeys(env.dataDir);
	const engine = { statementTimeoutMs: env.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS, log };
	const db = await openDb(
		env.databaseUrl
			? { databaseUrl: env.databaseUrl, ...engine }
			: { dataDir: path.join(env.dataDir, 'pgdata'), ...engine }
	);
	const migrated = await migrate(db, { root, seed: env.seed });
	log(
		`database ready (${db.engine}); applied ${migrated.applied.length} file(s), ${migrated.skipped.length} already applied`
	);
	log(
		env.statementTimeoutMs === undefined
			? 'request deadlines: per role, as on Supabase (anon 3 s, authenticated and others 8 s)'
			: `request deadlines: ${formatDuration(env.statementTimeoutMs)} for every request (CALLBOARD_STATEMENT_TIMEOUT)`
	);

	const app = await startApp({
		db,
		keys,
		log,
		port: env.port,
		host: env.host,
		buildDir: path.join(root, 'build'),
		routesDir: path.join(root, 'src', 'routes'),
		publicUrl: env.publicUrl,
		trustedProxies: env.trustedProxies,
		limits: { maxRows: env.maxRows, statementTimeoutMs: env.statementTimeoutMs }
	});
	log(`Callboard is running at ${app.url}/${env.publicUrl ? ` (public URL ${env.publicUrl}/)` : ''}`);
	if (env.seed) log(`demo logins (password "callboard"): ${DEMO_LOGINS.join(', ')}`);
	log(`API keys are in ${path.join(env.dataDir, 'keys.json')}`);

	// The demo floor comes alive: the simulator feeds the API like a phone system would,
	// today from the site's midnight first, so the boards have a day behind them at any hour.
	const self = `http://127.0.0.1:${app.port}`;
	let simulator: SimulatorHandle | undefined;
	if (env.simulate && env.seed) {
		simulator = startSimulator({
			url: self,
			key: keys.service_role_key,
			speed: env.simSpeed,
			warmup: 'backfill',
			log: (line) => log(`simulator: ${line}`)
		});
		log(`call simulator running at ${env.simSpeed}× (CALLBOARD_SIMULATE=0 turns it off)`);
	}
	// Then the weeks before, for the forecast and the reports (once; later starts fill only the gap).
	let history: DemoHistoryHandle | undefined;
	if (env.seed && env.historyWeeks > 0) {
		history = startDemoHistory({
			weeks: env.historyWeeks,
			url: self,
			key: keys.service_role_key,
			dataDir: env.dataDir,
			newDatabase: migrated.applied.includes('seed/seed.sql'),
			after: simulator?.warmedUp,
			analyze: () => db.exec(ANALYZE_INGEST_TABLES, { timeoutMs: NO_DEADLINE }),
			log: (line) => log(`simulator: ${line}`)
		});
	}

	// The demo callers log their graded calls and book visits; their team lead confirms them.
	const desk = env.simulate && env.seed ? startOutboundDesk({ db, siteId: DEMO_SITE_ID, log }) : undefined;

	// Attendance days close once their check-out window has passed.
	const closer = startAttendanceCloser({ close: () => closeDays(db), log: (line) => log(`attendance: ${line}`) });

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log(`${signal}: shutting down`);
		Promise.all([simulator?.stop(), history?.stop(), desk?.stop(), closer.stop()])
			.then(() => app.close())
			.then(() => db.close())
			.then(
				() => process.exit(0),
				(err: unknown) => {
					console.error('[callboard] shutdown failed:', err);
					process.exit(1);
				}
			);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error('[callboard] failed to start:', err instanceof Error ? err.message : err);
	process.exit(1);
});
