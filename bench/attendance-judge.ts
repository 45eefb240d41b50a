// Benchmark of the attendance engine (issue 12), on PGlite and PostgreSQL 15:
// judging a month for 500 agents in one call of app.judge_attendance (every
// row written afresh, then once more with nothing changed), and the
// re-judge one punch costs (the insert with its statement trigger, which
// judges that agent's days around the punch). Goals from the issue: a month
// < 5 s on PGlite and < 2 s on PG15; one punch < 20 ms median. Baselines,
// measured in the same run on the same database: a plain read of the rows
// the engine reads for the month (published shifts and punches), and a
// plain insert of one punch with the engine's trigger switched off.
import type { Db } from '../server/db/types.ts';
import { freshDb, type BenchEngine } from './support/fresh-db.ts';
import { median, ms, type Row, timeRounds } from './support/stats.ts';

const SITE = 'e5000000-0000-4000-8000-0000000000b1';
const AGENTS = 500;
const TEAMS = 5;
const FIRST_WEEK = '2026-02-23';
const WEEKS = 6;
const MONTH_FROM = '2026-03-01';
const MONTH_TO = '2026-03-31';
// The engine's triggers, off while the month is laid down (each would judge
// on every publish and punch statement: that is not what is measured here).
const SEED_TRIGGERS = [
	['public.schedules', 'schedules_rejudge'],
	['public.punches', 'punches_rejudge_insert']
] as const;

/**
 * A Shanghai site of 5 teams × 100 agents, five published weeks from 23
 * February 2026 (every agent on every day, 09:00–18:00 with an unpaid lunch:
 * 500 × 31 = 15,500 agent-days in March, the count), and two punches
 * a shift with a spread of lateness and early leave (one shift in 40 without
 * a check-out). Returns the month's shifts.
 */
async function seedMonth(db: Db): Promise<number> {
	for (const [table, trigger] of SEED_TRIGGERS) await db.exec(`alter table ${table} disable trigger ${trigger}`);
	await db.query(`insert into public.sites (id, name, time_zone) values ($1, 'Attendance bench', 'Asia/Shanghai')`, [
		SITE
	]);
	await db.query(
		`insert into public.teams (site_id, name) select $1, 'Bench team ' || t from generate_series(1, $2::integer) t`,
		[SITE, TEAMS]
	);
	await db.query(
		`insert into public.agents (site_id, team_id, display_name, employee_no)
		 select $1, t.id, 'Bench agent ' || i, 'AB-' || lpad(i::text, 4, '0')
		 from generate_series(1, $2::integer) i
		 join (select id, row_number() over (order by name) - 1 as k from public.teams where site_id = $1) t
		   on t.k = i % $3`,
		[SITE, AGENTS, TEAMS]
	);
	await db.query(
		`insert into public.schedules (site_id, team_id, week_start, version)
		 select $1, t.id, $2::date + 7 * w, 1 from public.teams t cross join generate_series(0, $3::integer - 1) w
		 where t.site_id = $1`,
		[SITE, FIRST_WEEK, WEEKS]
	);
	await db.query(
		`insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
		 select $1, s.id, a.id, s.week_start + d, '09:00', '18:00', '[{"start_min": 240, "minutes": 60, "paid": false}]'
		 from public.schedules s
		 join public.agents a on a.team_id = s.team_id
		 cross join generate_series(0, 6) d
		 where s.site_id = $1`,
		[SITE]
	);
	await db.query(`update public.schedules set status = 'published' where site_id = $1`, [SITE]);
	await db.query(
		`insert into public.punches (site_id, agent_id, punched_at, direction, source)
		 select $1, s.agent_id, p.at, p.dir::public.punch_direction, 'terminal'
		 from public.schedule_shifts s
		 cross join lateral (values
		   (s.start_ts + make_interval(secs => (abs(hashtext(s.id::text)) % 2400) - 1500), 'in'),
		   (s.end_ts + make_interval(secs => (abs(hashtext(s.id::text || 'o')) % 2400) - 600), 'out')
		 ) as p (at, dir)
		 where s.site_id = $1 and not (p.dir = 'out' and abs(hashtext(s.id::text)) % 40 = 0)`,
		[SITE]
	);
	for (const [table, trigger] of SEED_TRIGGERS) await db.exec(`alter table ${table} enable trigger ${trigger}`);
	const { rows } = await db.query<{ n: string }>(
		`select count(*) as n from public.schedule_shifts where site_id = $1 and day between $2 and $3`,
		[SITE, MONTH_FROM, MONTH_TO]
	);
	return Number(rows[0]?.n ?? 0);
}

const judgeMonth = (db: Db) =>
	db.query(`select app.judge_attendance($1, null, $2, $3, true) as n`, [SITE, MONTH_FROM, MONTH_TO], {
		timeoutMs: 600_000
	});

// What the engine reads for the month, read plainly: the published shifts
// and the punches of their windows.
const readInputs = (db: Db) =>
	db.query(
		`select (select count(*) from public.schedule_shifts s join public.schedules sc on sc.id = s.schedule_id
		         where s.site_id = $1 and sc.status = 'published' and s.day between $2::date - 1 and $3::date + 1) as shifts,
		        (select count(*) from public.punches p
		         where p.site_id = $1 and p.voided_at is null
		           and p.punched_at >= ($2::date - 2)::timestamp at time zone 'Asia/Shanghai'
		           and p.punched_at < ($3::date + 3)::timestamp at time zone 'Asia/Shanghai') as punches`,
		[SITE, MONTH_FROM, MONTH_TO]
	);

/** Milliseconds of each of `rounds` punches of one agent on 18 March, inserted and removed again. */
async function punchRounds(db: Db, rounds: number): Promise<number[]> {
	const { rows } = await db.query<{ agent_id: string; start_ts: string }>(
		`select agent_id, start_ts::text from public.schedule_shifts where site_id = $1 and day = '2026-03-18' limit 1`,
		[SITE]
	);
	const target = rows[0];
	if (!target) throw new Error('no shift on 18 March');
	const samples: number[] = [];
	for (let i = 0; i < rounds; i++) {
		// A check-in a few seconds apart each round: a new instant, a new result.
		const started = performance.now();
		const { rows: inserted } = await db.query<{ id: string }>(
			`insert into public.punches (site_id, agent_id, punched_at, source)
			 values ($1, $2, $3::timestamptz - make_interval(secs => $4::integer + 100), 'web') returning id`,
			[SITE, target.agent_id, target.start_ts, i]
		);
		samples.push(performance.now() - started);
		await db.query(`delete from public.punches where id = $1`, [inserted[0]?.id]);
	}
	return samples;
}

async function month(engine: BenchEngine, rounds: number, punches: number): Promise<Row[]> {
	const { db, stop } = await freshDb(engine);
	try {
		const shifts = await seedMonth(db);
		const inputs = await readInputs(db);
		const read = median(await timeRounds(() => readInputs(db), rounds));

		const fresh: number[] = [];
		for (let i = 0; i < rounds; i++) {
			await db.query(`delete from public.attendance_days where site_id = $1`, [SITE]);
			const started = performance.now();
			await judgeMonth(db);
			fresh.push(performance.now() - started);
		}
		const written = await db.query<{ n: string; days: string }>(
			`select count(*) as n, count(distinct (agent_id, work_date)) as days from public.attendance_days
			 where site_id = $1 and work_date between $2 and $3`,
			[SITE, MONTH_FROM, MONTH_TO]
		);
		const unchanged = median(await timeRounds(() => judgeMonth(db), rounds));

		const perPunch = median(await punchRounds(db, punches));
		await db.exec(`alter table public.punches disable trigger punches_rejudge_insert`);
		await db.exec(`alter table public.punches disable trigger punches_rejudge_delete`);
		const plainPunch = median(await punchRounds(db, punches));
		await db.exec(`alter table public.punches enable trigger punches_rejudge_insert`);
		await db.exec(`alter table public.punches enable trigger punches_rejudge_delete`);

		const freshMs = median(fresh);
		const limit = engine === 'pglite' ? 5000 : 2000;
		const days = Number(written.rows[0]?.n ?? 0);
		const row = inputs.rows[0] as { shifts: string; punches: string } | undefined;
		return [
			{
				benchmark: `attendance: judge a month, ${AGENTS} agents (${shifts} shifts, ${days} rows written), ${engine}`,
				figure:
					`median ${ms(freshMs)} over ${rounds} runs (${((freshMs * 1000) / Math.max(days, 1)).toFixed(0)} µs a row); ` +
					`nothing changed ${ms(unchanged)}; baseline plain read of the ${row?.shifts ?? '?'} shifts and ` +
					`${row?.punches ?? '?'} punches ${ms(read)} (×${(freshMs / read).toFixed(1)})`,
				goal: `< ${limit / 1000} s`,
				met: freshMs < limit
			},
			{
				benchmark: `attendance: re-judge after one punch (insert + trigger), ${engine}`,
				figure: `median ${ms(perPunch)} over ${punches} punches; baseline insert without the trigger ${ms(plainPunch)} (×${(perPunch / plainPunch).toFixed(1)})`,
				goal: 'median < 20 ms',
				met: perPunch < 20
			}
		];
	} finally {
		await stop();
	}
}

export async function benchAttendanceJudge({ quick }: { quick: boolean }): Promise<Row[]> {
	const rounds = quick ? 1 : 5;
	const punches = quick ? 10 : 50;
	return [...(await month('pglite', rounds, punches)), ...(await month('postgres', rounds, punches))];
}
