// A generated week passes the SQL rule check. On a fresh demo database the
// Customer Service team (after-sales and complaints skills) gets a week
// generated from its rows: the site's templates with their queues and seasons,
// the averaged-hours policy (what is left of the month after the other weeks'
// published shifts), approved leave, and published neighbour weeks that end
// with night shifts and start with day shifts, so the 11 h rule bites across
// both boundaries. The week goes into a draft through apply_schedule_edits as
// the supervisor, and app.schedule_violations_of must find nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/types.ts';
import { autoSchedule, type AutoScheduleResult } from '../../src/lib/staffing/auto-schedule.ts';
import { assignmentEdits, scheduleTemplate, type TemplateRow } from '../../src/lib/staffing/auto-schedule-input.ts';
import type { ScheduleAgent, ScheduleInput } from '../../src/lib/staffing/schedule-model-types.ts';
import { DEMO_SITE, QUEUE, STAFF, TEAM } from '../support/demo.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const WEEK_START = '2026-03-09';
const BEFORE = '2026-03-02';
const AFTER = '2026-03-16';
const NIGHT = '57000000-0000-4000-8000-000000000005';
const DAY = '57000000-0000-4000-8000-000000000002';
const LATE = '57000000-0000-4000-8000-000000000003';

let database: TestDatabase;
let db: Db;
let draft: string;
let input: ScheduleInput;
let result: AutoScheduleResult;

async function rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
	return (await db.query<T>(sql, params)).rows;
}

/** A published week of the team: shifts [agent number, day offset, template]. */
async function publishedWeek(weekStart: string, shifts: [number, number, string][]): Promise<void> {
	const [schedule] = await rows<{ id: string }>(
		`insert into public.schedules (site_id, team_id, week_start, version) values ($1, $2, $3, 1) returning id`,
		[DEMO_SITE, TEAM.customerService, weekStart]
	);
	for (const [n, offset, template] of shifts) {
		await db.query(
			`insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at)
			 select $1, $2, $3, $4::date + $5::integer, t.id, t.starts_at, t.ends_at from public.shift_templates t where t.id = $6`,
			[
				DEMO_SITE,
				schedule?.id,
				`ac000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`,
				weekStart,
				offset,
				template
			]
		);
	}
	await db.query(`update public.schedules set status = 'published', published_at = now() where id = $1`, [
		schedule?.id
	]);
}

/** Per queue, agents needed per interval: after-sales 9:00–21:00 (3 on weekdays, 2 at weekends), complaints 1 at night. */
function requirements(): ScheduleInput['requirements'] {
	const at = (f: (day: number, minute: number) => number) =>
		Array.from({ length: 672 }, (_, k) => f(Math.floor(k / 96), (k % 96) * 15));
	return [
		{ queueId: QUEUE.afterSales, agents: at((d, m) => (m >= 540 && m < 1260 ? (d < 5 ? 3 : 2) : 0)) },
		{ queueId: QUEUE.complaints, agents: at((_, m) => (m >= 1320 || m < 390 ? 1 : 0)) }
	];
}

async function buildInput(): Promise<ScheduleInput> {
	const days = Array.from({ length: 7 }, (_, d) =>
		new Date(Date.parse(`${WEEK_START}T00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)
	);
	const [policy] = await rows<{
		hours_mode: string;
		averaging_period: string;
		max_day_paid_min: number;
		max_week_paid_min: number;
		min_rest_between_min: number;
		min_rest_days_per_week: number;
	}>(`select * from public.schedule_policies where site_id = $1`, [DEMO_SITE]);
	if (!policy) throw new Error('no policy');
	const templates = await rows<TemplateRow & { valid: string[] }>(
		`select t.id, t.name, t.starts_at::text, t.ends_at::text, t.paid_min, t.breaks,
		   coalesce((select array_agg(q.queue_id::text) from public.shift_template_queues q where q.template_id = t.id), '{}') as queues,
		   (select coalesce(array_agg(d::date::text order by d), '{}') from unnest($2::date[]) as d
		    where app.template_problem(t.id, d::date) is null) as valid
		 from public.shift_templates t where t.site_id = $1 and t.active order by t.name`,
		[DEMO_SITE, days]
	);
	const agents = await rows<{
		id: string;
		skills: string[];
		leave: string[];
		previous_end: string | null;
		next_start: string | null;
		caps: { dates: string[]; maxPaidMinutes: number }[];
	}>(
		`with week as (select $3::date as first, $3::date + 6 as last),
		 published as (
		   select sh.* from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id
		   where s.status = 'published' and s.site_id = $1),
		 periods as (
		   select distinct date_trunc($4, d)::date as first_day,
		     (date_trunc($4, d) + case $4 when 'month' then interval '1 month' else interval '3 months' end)::date - 1 as last_day
		   from week, generate_series(week.first::timestamp, week.last::timestamp, interval '1 day') as d)
		 select a.id,
		   coalesce((select array_agg(k.queue_id::text) from public.agent_skills k where k.agent_id = a.id), '{}') as skills,
		   coalesce((select array_agg(d::date::text) from public.approved_leave l, week,
		     generate_series(greatest(l.starts_on, week.first), least(l.ends_on, week.last), interval '1 day') as d
		     where l.agent_id = a.id), '{}') as leave,
		   (select to_char(max(p.end_ts) at time zone $2, 'YYYY-MM-DD"T"HH24:MI') from published p, week
		     where p.agent_id = a.id and p.day < week.first) as previous_end,
		   (select to_char(min(p.start_ts) at time zone $2, 'YYYY-MM-DD"T"HH24:MI') from published p, week
		     where p.agent_id = a.id and p.day > week.last) as next_start,
		   coalesce((select jsonb_agg(jsonb_build_object(
		       'dates', (select jsonb_agg(d::date::text) from week, generate_series(greatest(pr.first_day, week.first), least(pr.last_day, week.last), interval '1 day') as d),
		       'maxPaidMinutes', $5::integer * (pr.last_day - pr.first_day + 1) / 7
		         - coalesce((select sum(p.paid_min) from published p where p.agent_id = a.id and p.day between pr.first_day and pr.last_day), 0)))
		     from periods pr where $6 = 'averaged'), '[]') as caps
		 from public.agents a where a.team_id = $7 order by a.employee_no`,
		[
			DEMO_SITE,
			'Asia/Shanghai',
			WEEK_START,
			policy.averaging_period,
			policy.max_week_paid_min,
			policy.hours_mode,
			TEAM.customerService
		]
	);
	return {
		days,
		agents: agents.map((a, i): ScheduleAgent => ({
			id: a.id,
			skills: a.skills,
			leave: a.leave,
			previousShiftEnd: a.previous_end,
			nextShiftStart: a.next_start,
			paidMinuteCaps: a.caps,
			// The supervisor fixed two days: the fourth agent rests on Friday, the ninth works Saturday's late shift.
			locked:
				i === 3
					? [{ date: days[4] ?? '', templateId: null }]
					: i === 8
						? [{ date: days[5] ?? '', templateId: LATE }]
						: []
		})),
		templates: templates.map((t) => scheduleTemplate(t, t.valid)),
		requirements: requirements(),
		rules: {
			minRestDaysPerWeek: policy.min_rest_days_per_week,
			maxDayPaidMinutes: policy.max_day_paid_min,
			maxWeekPaidMinutes: policy.hours_mode === 'standard' ? policy.max_week_paid_min : null,
			minMinutesBetweenShifts: policy.min_rest_between_min
		}
	};
}

beforeAll(async () => {
	database = await openTestDatabase();
	db = database.db;
	// Agents 21–25 end the week before with a night shift into Monday 06:30; agents 26–28
	// start the week after with Monday's day shift at 09:00.
	await publishedWeek(BEFORE, [
		...[21, 22, 23, 24, 25].flatMap((n): [number, number, string][] => [
			[n, 0, DAY],
			[n, 1, DAY],
			[n, 2, DAY],
			[n, 6, NIGHT]
		]),
		...[26, 27, 28, 29, 30].flatMap((n): [number, number, string][] => [0, 1, 2, 3, 4].map((d) => [n, d, DAY]))
	]);
	await publishedWeek(
		AFTER,
		[26, 27, 28].map((n): [number, number, string] => [n, 0, DAY])
	);
	await db.query(
		`insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind) values ($1, $2, '2026-03-11', '2026-03-12', 'annual')`,
		[DEMO_SITE, 'ac000000-0000-4000-8000-000000000123']
	);
	const [schedule] = await rows<{ id: string }>(
		`insert into public.schedules (site_id, team_id, week_start, version) values ($1, $2, $3, 1) returning id`,
		[DEMO_SITE, TEAM.customerService, WEEK_START]
	);
	draft = schedule?.id ?? '';
	input = await buildInput();
	result = await autoSchedule(input, { timeLimitSeconds: 30 });
	await db.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify({ sub: STAFF.supervisor.userId, role: 'authenticated' })
		]);
		await tx.exec('set local role authenticated');
		await tx.query('select public.apply_schedule_edits($1, 0, $2::jsonb)', [
			draft,
			JSON.stringify(assignmentEdits(result.assignments))
		]);
	});
});
afterAll(async () => {
	await database?.stop();
});

describe('a generated week of the demo team', () => {
	it('is proven near the optimum and fills the week', () => {
		expect(result.status).toBe('optimal');
		expect(result.gap).toBeLessThanOrEqual(0.005);
		expect(result.assignments).toHaveLength(10 * 7);
		expect(result.assignments.filter((a) => a.templateId !== null).length).toBeGreaterThan(30);
	});

	it('breaks none of the rules app.schedule_violations_of checks', async () => {
		const shifts = await rows<{ n: string }>(
			`select count(*) as n from public.schedule_shifts where schedule_id = $1`,
			[draft]
		);
		expect(Number(shifts[0]?.n)).toBe(result.assignments.filter((a) => a.templateId !== null).length);
		expect(await rows(`select * from app.schedule_violations_of($1)`, [draft])).toEqual([]);
	});

	it('took the neighbour weeks, the leave and the locks from the input', () => {
		const on = (n: number, day: string) =>
			result.assignments.find(
				(a) => a.agentId === `ac000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}` && a.day === day
			)?.templateId;
		// Out of Monday's night shift at 06:30: nothing before 17:30, so no day or late shift.
		for (const n of [21, 22, 23, 24, 25]) expect([DAY, LATE]).not.toContain(on(n, '2026-03-09'));
		// Into next Monday's 09:00: no Sunday night shift (it would run into it).
		for (const n of [26, 27, 28]) expect(on(n, '2026-03-15')).not.toBe(NIGHT);
		expect(on(23, '2026-03-11')).toBeNull();
		expect(on(23, '2026-03-12')).toBeNull();
		expect(on(24, '2026-03-13')).toBeNull();
		expect(on(29, '2026-03-14')).toBe(LATE);
		expect(input.agents[0]?.paidMinuteCaps?.[0]?.dates).toHaveLength(7);
	});
});
