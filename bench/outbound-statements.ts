// Benchmark of the monthly statements (issue 13, 20261209300100_agent_statements.sql):
// every statement of 200 outbound callers for a finished month, asked the way
// the statements page asks — public.team_statements once per team, as the
// site's manager — and once more one public.agent_statement per caller.
// On PGlite and PostgreSQL 15; goal < 1 s on PG15. Baseline, measured in the
// same run on the same database: a plain read of the month's call_summaries
// of the same callers (connected calls per caller and day), the biggest
// input the statements read.
import type { Db, Queryable } from '../server/db/types.ts';
import { DEMO_SITE, QUEUE, STAFF } from '../tests/support/demo.ts';
import { freshDb, type BenchEngine } from './support/fresh-db.ts';
import { median, ms, type Row, timeRounds } from './support/stats.ts';

const TEAMS = 10;
const PER_TEAM = 20;
const CALLERS = TEAMS * PER_TEAM;
const MONTH = '2026-11-01';
/** Dials a caller makes on a working day; about 80 % connect, so some days fall short of the target of 100. */
const DIALS_A_DAY = 120;
const FIRST_WEEK = '2026-10-26';
const WEEKS = 6;
const GOAL_MS = 1_000;
// The attendance engine would judge every published week: not what is measured here.
const SEED_TRIGGERS = [['public.schedules', 'schedules_rejudge']] as const;

const teamId = (t: number) => `7e000000-0000-4000-8000-0000000b${String(t).padStart(4, '0')}`;

/**
 * Ten outbound teams of 20 callers on the demo site; five published weeks
 * covering November 2026 (Monday to Friday, 09:00–18:00); 120 outbound call
 * legs a caller and working day (~ 80 % connected); 30–50 leads a caller,
 * 25–54 confirmed visits each in November (the half-day credits they earn
 * dated then too) and a deal on one visit in eight. Returns the call legs.
 */
export async function seedMonth(db: Db): Promise<number> {
	for (const [table, trigger] of SEED_TRIGGERS) await db.exec(`alter table ${table} disable trigger ${trigger}`);
	await db.query(
		`insert into public.teams (id, site_id, name, kind)
		 select ('7e000000-0000-4000-8000-0000000b' || lpad(t::text, 4, '0'))::uuid, $1, 'Bench callers ' || t, 'outbound'
		 from generate_series(1, $2::integer) t`,
		[DEMO_SITE, TEAMS]
	);
	await db.query(
		`insert into public.agents (site_id, team_id, display_name, employee_no)
		 select $1, ('7e000000-0000-4000-8000-0000000b' || lpad((1 + (i - 1) / $3)::text, 4, '0'))::uuid,
		   'Bench caller ' || i, 'OB-' || lpad(i::text, 4, '0')
		 from generate_series(1, $2::integer) i`,
		[DEMO_SITE, CALLERS, PER_TEAM]
	);
	await db.query(
		`insert into public.schedules (site_id, team_id, week_start, version)
		 select $1, t.id, $2::date + 7 * w, 1
		 from public.teams t cross join generate_series(0, $3::integer - 1) w
		 where t.name like 'Bench callers %'`,
		[DEMO_SITE, FIRST_WEEK, WEEKS]
	);
	await db.query(
		`insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
		 select $1, s.id, a.id, s.week_start + d, '09:00', '18:00', '[{"start_min": 240, "minutes": 60, "paid": false}]'
		 from public.schedules s
		 join public.agents a on a.team_id = s.team_id
		 cross join generate_series(0, 4) d
		 where s.team_id in (select id from public.teams where name like 'Bench callers %')`,
		[DEMO_SITE]
	);
	await db.query(
		`update public.schedules set status = 'published'
		 where team_id in (select id from public.teams where name like 'Bench callers %')`
	);
	// Call legs, written as ingest leaves them (one row per leg, its counts in its interval).
	await db.query(
		`insert into public.call_summaries (queue_id, call_id, site_id, direction, agent_id, offered_at, answered_at,
		   ended_at, wrap_ended_at, grade, wait_s, waiting, interval_start, offered, answered, answered_within_sl,
		   abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
		 select $1, 'bench-' || a.employee_no || '-' || d::date || '-' || k, $2, 'outbound', a.id, c.at,
		   case when c.connected then c.at + interval '10 seconds' end,
		   c.at + interval '70 seconds', c.at + interval '100 seconds',
		   case when c.connected then (array['A', 'B', 'C', 'D'])[1 + k % 4]::public.lead_grade end,
		   case when c.connected then 10 end, false, date_bin(interval '15 minutes', c.at, '2000-01-01'),
		   1, c.connected::integer, 0, 0, 0, c.connected::integer, case when c.connected then 60 else 0 end, 0,
		   case when c.connected then 30 else 0 end, 0
		 from public.agents a
		 cross join generate_series($3::date, ($3::date + interval '1 month' - interval '1 day'), interval '1 day') d
		 cross join generate_series(1, $4::integer) k
		 cross join lateral (select
		   (d::date + time '09:00' + make_interval(secs => k * 240)) at time zone 'Asia/Shanghai' as at,
		   abs(hashtext(a.id::text || d::text || k)) % 100 < 70 + abs(hashtext(a.id::text || d::text)) % 25 as connected
		 ) c
		 where a.employee_no like 'OB-%' and extract(isodow from d) < 6`,
		[QUEUE.outbound, DEMO_SITE, MONTH, DIALS_A_DAY]
	);
	await db.query(
		`insert into public.leads (site_id, owner_agent_id, customer_name, phone, source, product)
		 select $1, a.id, 'Bench customer ' || a.employee_no || '-' || n,
		   '139' || lpad((substr(a.employee_no, 4)::integer * 100 + n)::text, 8, '0'), 'outreach',
		   (array['high_rise', 'villa'])[1 + n % 2]::public.product_kind
		 from public.agents a cross join generate_series(1, 60) n
		 where a.employee_no like 'OB-%'`,
		[DEMO_SITE]
	);
	await db.query(
		`insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at,
		   product, deal_product, deal_at)
		 select $1, l.owner_agent_id, l.id, v.at, 'visited', v.at, v.at, l.product,
		   case when l.n % 8 = 0 then l.product end, case when l.n % 8 = 0 then v.at + interval '2 hours' end
		 from (select l.*, row_number() over (partition by l.owner_agent_id order by l.phone) as n,
		         substr(a.employee_no, 4)::integer as i
		       from public.leads l join public.agents a on a.id = l.owner_agent_id
		       where a.employee_no like 'OB-%') l
		 cross join lateral (select ($2::date + time '14:00' + make_interval(days => (l.n::integer * 7) % 29)) at time zone 'Asia/Shanghai' as at) v
		 where l.n <= 25 + (l.i * 7) % 30`,
		[DEMO_SITE, MONTH]
	);
	// The credits were earned when their visits were confirmed, in November.
	await db.query(
		`update public.visit_leave_credits c set credited_at = i.visited_at
		 from public.invitations i where i.id = c.invitation_id and i.site_id = $1`,
		[DEMO_SITE]
	);
	for (const [table, trigger] of SEED_TRIGGERS) await db.exec(`alter table ${table} enable trigger ${trigger}`);
	// A finished month's rows have long been vacuumed in a running database
	// (autovacuum visits a table after enough inserts, PostgreSQL 13 on), so
	// its visibility map is set and the connected calls read from the index
	// alone; a month seeded a second ago has none of that.
	await db.exec('vacuum analyze');
	const { rows } = await db.query<{ n: string }>(
		`select count(*) as n from public.call_summaries where call_id like 'bench-%'`
	);
	return Number(rows[0]?.n ?? 0);
}

/** Runs fn in one transaction as the demo manager, as the REST API does for their token. */
async function asManager<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	let result: T | undefined;
	await db.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify({ sub: STAFF.manager.userId, role: 'authenticated' })
		]);
		await tx.exec('set local role authenticated');
		result = await fn(tx);
	});
	return result as T;
}

const teamIds = Array.from({ length: TEAMS }, (_, t) => teamId(t + 1));

/** Every team's statements, one call per team: the statements page's question. Returns the lines. */
const perTeam = (db: Db) =>
	asManager(db, async (tx) => {
		let lines = 0;
		for (const id of teamIds) {
			const { rows } = await tx.query('select * from public.team_statements($1, $2)', [id, MONTH]);
			lines += rows.length;
		}
		return lines;
	});

const perAgent = (db: Db, agentIds: readonly string[]) =>
	asManager(db, async (tx) => {
		for (const id of agentIds) await tx.query('select * from public.agent_statement($1, $2)', [id, MONTH]);
	});

/** The baseline: the month's connected calls per caller and day, read plainly. */
const plainRead = (db: Db) =>
	db.query(
		`select agent_id, (offered_at at time zone 'Asia/Shanghai')::date as day, count(*) filter (where answered_at is not null)
		 from public.call_summaries
		 where agent_id in (select id from public.agents where employee_no like 'OB-%')
		   and direction = 'outbound'
		   and offered_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai'
		   and offered_at < ($1::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai'
		 group by 1, 2`,
		[MONTH]
	);

async function statements(engine: BenchEngine, rounds: number): Promise<Row[]> {
	const { db, stop } = await freshDb(engine);
	try {
		const legs = await seedMonth(db);
		const { rows: agents } = await db.query<{ id: string }>(
			`select id from public.agents where employee_no like 'OB-%' order by employee_no`
		);
		const lines = await perTeam(db);
		await timeRounds(() => perTeam(db), 1);
		await timeRounds(() => plainRead(db), 2);
		const teams = median(await timeRounds(() => perTeam(db), rounds));
		const agentsMs = median(
			await timeRounds(
				() =>
					perAgent(
						db,
						agents.map((a) => a.id)
					),
				rounds
			)
		);
		const base = median(await timeRounds(() => plainRead(db), rounds));
		const goal = engine === 'postgres' ? `< ${GOAL_MS / 1000} s` : `reported (PG15 < ${GOAL_MS / 1000} s)`;
		return [
			{
				benchmark: `monthly statements of ${CALLERS} callers (${TEAMS} team_statements calls, ${legs.toLocaleString('en')} call legs, ${lines} lines), ${engine}`,
				figure: `median ${ms(teams)} over ${rounds} runs (${ms(teams / CALLERS)} a caller); baseline plain read of the month's call legs per caller and day ${ms(base)} (×${(teams / base).toFixed(1)})`,
				goal,
				met: engine === 'postgres' ? teams < GOAL_MS : null
			},
			{
				benchmark: `monthly statements of ${CALLERS} callers, one agent_statement call each, ${engine}`,
				figure: `median ${ms(agentsMs)} over ${rounds} runs; baseline as above ${ms(base)} (×${(agentsMs / base).toFixed(1)})`,
				goal,
				met: engine === 'postgres' ? agentsMs < GOAL_MS : null
			}
		];
	} finally {
		await stop();
	}
}

export async function benchOutboundStatements({ quick }: { quick: boolean }): Promise<Row[]> {
	const rounds = quick ? 3 : 10;
	return [...(await statements('pglite', rounds)), ...(await statements('postgres', rounds))];
}
