// Benchmark of the attendance engine (issue 12), on PGlite and PostgreSQL 15:
// judging a month for 500 agents in one call of app.judge_attendance (every
// row written afresh, then once more with nothing changed), and the
// re-judge one punch costs (the insert with its statement trigger, which
// judges that agent's days around the punch). Goals from the issue: a month
// < 5 s on PGlite and < 2 s on PG15; one punch < 20 ms median.
import type { Db } from '../server/db/types.ts';
import { freshDb, type BenchEngine } from './support/fresh-db.ts';
import { median, ms, type Row, timeRounds } from './support/stats.ts';

const SITE = 'e5000000-0000-4000-8000-0000000000b1';
const AGENTS = 500;
const TEAMS = 5;
const FIRST_WEEK = '2026-03-02';
const WEEKS = 5;
const MONTH_FROM = '2026-03-01';
const MONTH_TO = '2026-03-31';

/**
 * A Shanghai site of 5 teams × 100 agents, five published weeks from 2 March
 * 2026 (each agent works five days of seven, 09:00–18:00 with an unpaid
 * lunch), and two punches a shift with a spread of lateness and early leave
 * (one shift in 40 without a check-out).
 */
async function seedMonth(db: Db): Promise<number> {
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
		 join (select id, team_id, row_number() over (order by employee_no) as i from public.agents where site_id = $1) a
		   on a.team_id = s.team_id
		 cross join generate_series(0, 6) d
		 where s.site_id = $1 and d not in (a.i % 7, (a.i + 1) % 7)`,
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
	const { rows } = await db.query<{ n: string }>(
		`select count(*) as n from public.schedule_shifts where site_id = $1 and day between $2 and $3`,
		[SITE, MONTH_FROM, MONTH_TO]
	);
	return Number(rows[0]?.n ?? 0);
}

const judgeMonth = (db: Db) =>
	db.query(`select app.judge_attendance($1, null, $2, $3, true) as n`, [SITE, MONTH_FROM, MONTH_TO]);

async function month(engine: BenchEngine, rounds: number, punchRounds: number): Promise<Row[]> {
	const { db, stop } = await freshDb(engine);
	try {
		const shifts = await seedMonth(db);
		const freshSamples: number[] = [];
		for (let i = 0; i < rounds; i++) {
			await db.query(`delete from public.attendance_days where site_id = $1`, [SITE]);
			const started = performance.now();
			await judgeMonth(db);
			freshSamples.push(performance.now() - started);
		}
		const unchanged = await timeRounds(() => judgeMonth(db), rounds);
		const limit = engine === 'pglite' ? 5000 : 2000;

		// One punch: an agent's check-in moved by a few seconds each round
		// (insert a punch, then the same punch out again), timed on insert.
		const { rows: agentRows } = await db.query<{ agent_id: string; start_ts: string }>(
			`select agent_id, start_ts::text from public.schedule_shifts where site_id = $1 and day = '2026-03-18' limit 1`,
			[SITE]
		);
		const target = agentRows[0];
		if (!target) throw new Error('no shift on 18 March');
		const punchSamples: number[] = [];
		for (let i = 0; i < punchRounds; i++) {
			const started = performance.now();
			const { rows: inserted } = await db.query<{ id: string }>(
				`insert into public.punches (site_id, agent_id, punched_at, source)
				 values ($1, $2, $3::timestamptz - make_interval(secs => $4::integer + 100), 'web') returning id`,
				[SITE, target.agent_id, target.start_ts, i]
			);
			punchSamples.push(performance.now() - started);
			await db.query(`delete from public.punches where id = $1`, [inserted[0]?.id]);
		}
		const perPunch = median(punchSamples);
		return [
			{
				benchmark: `attendance: judge a month, ${AGENTS} agents (${shifts} shifts), every row written, ${engine}`,
				figure: `median ${ms(median(freshSamples))} over ${rounds} runs; nothing changed: ${ms(median(unchanged))}`,
				goal: `< ${limit / 1000} s`,
				met: median(freshSamples) < limit
			},
			{
				benchmark: `attendance: re-judge after one punch (insert + trigger), ${engine}`,
				figure: `median ${ms(perPunch)} over ${punchRounds} punches`,
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
	const punchRounds = quick ? 10 : 50;
	return [...(await month('pglite', rounds, punchRounds)), ...(await month('postgres', rounds, punchRounds))];
}
