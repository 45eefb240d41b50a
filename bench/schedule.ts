// Benchmark of the schedule rule check (issue: seasonal shift schedules): all
// rules of a 200-agent × 7-day week in SQL (app.schedule_violations_of), on
// PGlite and PostgreSQL 15, against a baseline measured in the same run on
// the same database: one plain read of the same shifts (count and paid sum).
// The rota editor's render in Chromium: bench/rota-render.ts, in the same group.
import type { Db } from '../server/db/types.ts';
import { benchRotaRender } from './rota-render.ts';
import { DEMO_SITE } from '../tests/support/demo.ts';
import { freshDb, type BenchEngine } from './support/fresh-db.ts';
import { median, ms, type Row, timeRounds } from './support/stats.ts';

const TEAM = '7e000000-0000-4000-8000-0000000000b1';
const WEEK = '2026-03-02';

/**
 * A team of 200 agents with the sales and after-sales skills, and a draft for
 * the week of 2 March 2026 in which each works five days (rest days rotate)
 * on an early, day or late template: 1,000 shifts, every rule to evaluate.
 */
async function seedWeek(db: Db): Promise<string> {
	await db.query(`insert into public.teams (id, site_id, name) values ($1, $2, 'Bench team')`, [TEAM, DEMO_SITE]);
	await db.query(
		`insert into public.agents (site_id, team_id, display_name, employee_no)
		 select $1, $2, 'Bench agent ' || i, 'BENCH-' || lpad(i::text, 3, '0') from generate_series(1, 200) as i`,
		[DEMO_SITE, TEAM]
	);
	await db.query(
		`insert into public.agent_skills (site_id, agent_id, queue_id)
		 select $1, a.id, q.id from public.agents a cross join public.queues q
		 where a.team_id = $2 and q.name in ('销售热线 Sales hotline', '售后服务 After-sales')`,
		[DEMO_SITE, TEAM]
	);
	const { rows } = await db.query<{ id: string }>(
		`insert into public.schedules (site_id, team_id, week_start, version) values ($1, $2, $3, 1) returning id`,
		[DEMO_SITE, TEAM, WEEK]
	);
	const id = rows[0]?.id;
	if (!id) throw new Error('no schedule');
	await db.query(
		`insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at)
		 select $1, $2, a.id, $3::date + d, t.id, t.starts_at, t.ends_at
		 from (select id, row_number() over (order by employee_no) as i from public.agents where team_id = $4) a
		 cross join generate_series(0, 6) as d
		 join public.shift_templates t on t.name = (array['早班 Early', '白班 Day', '晚班 Late'])[a.i % 3 + 1]
		 where d not in (a.i % 7, (a.i + 1) % 7)`,
		[DEMO_SITE, id, WEEK, TEAM]
	);
	return id;
}

async function ruleCheck(engine: BenchEngine, rounds: number): Promise<Row> {
	const { db, stop } = await freshDb(engine);
	try {
		const id = await seedWeek(db);
		const check = () => db.query('select count(*) as n from app.schedule_violations_of($1)', [id]);
		const plain = () =>
			db.query('select count(*) as n, sum(paid_min) from public.schedule_shifts where schedule_id = $1', [id]);
		const shifts = await db.query<{ n: string }>(
			'select count(*) as n from public.schedule_shifts where schedule_id = $1',
			[id]
		);
		const found = await check();
		await timeRounds(check, 3);
		await timeRounds(plain, 3);
		const rules = median(await timeRounds(check, rounds));
		const base = median(await timeRounds(plain, rounds));
		return {
			benchmark: `schedule rule check, 200 agents × 7 days (${shifts.rows[0]?.n ?? '?'} shifts), ${engine}`,
			figure: `median ${ms(rules)} over ${rounds} runs (${String(found.rows[0]?.n)} violations); baseline plain read of the shifts ${ms(base)} (×${(rules / base).toFixed(1)})`,
			goal: 'median < 200 ms',
			met: rules < 200
		};
	} finally {
		await stop();
	}
}

export async function benchSchedule({ quick }: { quick: boolean }): Promise<Row[]> {
	const rounds = quick ? 5 : 20;
	return [
		await ruleCheck('pglite', rounds),
		await ruleCheck('postgres', rounds),
		...(await benchRotaRender({ quick }))
	];
}
