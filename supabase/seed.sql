-- Demo data: "Demo Realty Call Center" in Asia/Shanghai — 3 inbound queues,
-- 1 outbound campaign, 4 teams, 40 agents and one login per role. Every demo
-- password is `callboard`. Ids are fixed so tests and docs can name them:
--   site     5a000000-0000-4000-8000-000000000001
--   teams    7e000000-0000-4000-8000-00000000000{1..4}
--   queues   9e000000-0000-4000-8000-00000000000{1..4}
--   users    a0000000-0000-4000-8000-000000000NNN (1 admin, 2 manager,
--            3 supervisor, 4 display, 11-14 lead1-4, 101-140 agent01-40)
--   agents   ac000000-0000-4000-8000-000000000NNN (101-140)
-- Runs once on a fresh database (the single-box server) or on
-- `supabase db reset`; the shim is not needed for it on a real project.

insert into public.sites (id, name, time_zone, locale)
values ('5a000000-0000-4000-8000-000000000001', 'Demo Realty Call Center', 'Asia/Shanghai', 'zh-CN');

insert into public.teams (id, site_id, name, kind) values
  ('7e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '热线一组 Hotline A', 'inbound'),
  ('7e000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '热线二组 Hotline B', 'inbound'),
  ('7e000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', '客服组 Customer Service', 'inbound'),
  ('7e000000-0000-4000-8000-000000000004', '5a000000-0000-4000-8000-000000000001', '电开组 Outbound', 'outbound');

insert into public.queues (id, site_id, name, direction, sl_threshold_s, short_abandon_s, sl_target, aht_target_s, answer_rate_target) values
  ('9e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '销售热线 Sales hotline', 'inbound', 15, 5, 0.800, 300, 0.950),
  ('9e000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '售后服务 After-sales', 'inbound', 15, 5, 0.800, 360, 0.950),
  ('9e000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', '投诉专线 Complaints', 'inbound', 15, 5, 0.850, 480, 0.970),
  ('9e000000-0000-4000-8000-000000000004', '5a000000-0000-4000-8000-000000000001', '电开外呼 Outbound calling', 'outbound', 15, 5, 0.800, 180, 0.300);

-- Users. One bcrypt hash (cost 10, as GoTrue uses) shared by all demo logins:
-- hashing 48 times would only slow the first start down.
with pw as (
  select extensions.crypt('callboard', extensions.gen_salt('bf', 10)) as hash
),
people (n, email, display_name) as (
  values
    (1, 'admin@demo.local', '系统管理员 Admin'),
    (2, 'manager@demo.local', '中心经理 Manager'),
    (3, 'supervisor@demo.local', '运营主管 Supervisor'),
    (4, 'display@demo.local', '大屏 Wall display'),
    (6, 'qa@demo.local', '质检专员 QA'),
    (11, 'lead1@demo.local', '组长一 Lead 1'),
    (12, 'lead2@demo.local', '组长二 Lead 2'),
    (13, 'lead3@demo.local', '组长三 Lead 3'),
    (14, 'lead4@demo.local', '组长四 Lead 4')
  union all
  select 100 + i, format('agent%s@demo.local', lpad(i::text, 2, '0')), null
  from generate_series(1, 40) as i
),
ids as (
  select p.*, ('a0000000-0000-4000-8000-' || lpad(p.n::text, 12, '0'))::uuid as id from people p
)
-- GoTrue reads the token and change columns as strings and fails a sign-in on
-- NULL; on Supabase four of them have no default, so they are set here.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at
)
select
  '00000000-0000-0000-0000-000000000000', ids.id, 'authenticated', 'authenticated', ids.email, pw.hash, now(),
  '', '', '', '',
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  case when ids.display_name is null then '{}'::jsonb else jsonb_build_object('display_name', ids.display_name) end,
  now(), now()
from ids cross join pw;

-- GoTrue signs in through an identity row per provider.
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now(), now()
from auth.users u
where u.email like '%@demo.local';

-- Agents 1-10 Hotline A, 11-20 Hotline B, 21-30 Customer Service, 31-40 Outbound.
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
select
  ('ac000000-0000-4000-8000-' || lpad((100 + i)::text, 12, '0'))::uuid,
  '5a000000-0000-4000-8000-000000000001',
  ('7e000000-0000-4000-8000-' || lpad(((i - 1) / 10 + 1)::text, 12, '0'))::uuid,
  ('a0000000-0000-4000-8000-' || lpad((100 + i)::text, 12, '0'))::uuid,
  (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[(i - 1) % 20 + 1]
    || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平'])[(i * 7 + (i - 1) / 20 * 3) % 20 + 1],
  'E' || lpad(i::text, 3, '0')
from generate_series(1, 40) as i;

update auth.users u
set raw_user_meta_data = jsonb_build_object('display_name', a.display_name)
from public.agents a
where a.user_id = u.id;

insert into public.members (user_id, site_id, team_id, role)
select ('a0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '5a000000-0000-4000-8000-000000000001', team_id, role::public.app_role
from (values
  (1, null::uuid, 'admin'),
  (2, null::uuid, 'manager'),
  (3, null::uuid, 'supervisor'),
  (4, null::uuid, 'display'),
  (6, null::uuid, 'qa'),
  (11, '7e000000-0000-4000-8000-000000000001'::uuid, 'lead'),
  (12, '7e000000-0000-4000-8000-000000000002'::uuid, 'lead'),
  (13, '7e000000-0000-4000-8000-000000000003'::uuid, 'lead'),
  (14, '7e000000-0000-4000-8000-000000000004'::uuid, 'lead')
) as m (n, team_id, role)
union all
select a.user_id, a.site_id, a.team_id, 'agent'
from public.agents a
where a.site_id = '5a000000-0000-4000-8000-000000000001';

-- QA (issue 13): the demo site's default scorecard, five items scored 0–5
-- each, weighted 15/25/25/20/15. The seed has no calls (the live simulator
-- makes them at runtime), so no call is scored or rated here.
insert into public.qa_scorecards (id, site_id, name)
values ('c5000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '通话质检标准 Call quality');
insert into public.qa_scorecard_items (site_id, scorecard_id, label, weight, position)
select '5a000000-0000-4000-8000-000000000001', 'c5000000-0000-4000-8000-000000000001', label, weight, position
from (values
  (1, '开场白 Opening', 15),
  (2, '需求挖掘 Needs discovery', 25),
  (3, '专业知识 Product knowledge', 25),
  (4, '服务态度 Attitude', 20),
  (5, '合规用语 Compliant wording', 15)
) as i (position, label, weight);

-- Skills: Hotline A takes sales; Hotline B sales and after-sales; Customer
-- Service after-sales and complaints; Outbound the outbound campaign.
insert into public.agent_skills (site_id, agent_id, queue_id)
select a.site_id, a.id, q.queue_id
from public.agents a
join (values
  ('7e000000-0000-4000-8000-000000000001'::uuid, '9e000000-0000-4000-8000-000000000001'::uuid),
  ('7e000000-0000-4000-8000-000000000002'::uuid, '9e000000-0000-4000-8000-000000000001'::uuid),
  ('7e000000-0000-4000-8000-000000000002'::uuid, '9e000000-0000-4000-8000-000000000002'::uuid),
  ('7e000000-0000-4000-8000-000000000003'::uuid, '9e000000-0000-4000-8000-000000000002'::uuid),
  ('7e000000-0000-4000-8000-000000000003'::uuid, '9e000000-0000-4000-8000-000000000003'::uuid),
  ('7e000000-0000-4000-8000-000000000004'::uuid, '9e000000-0000-4000-8000-000000000004'::uuid)
) as q (team_id, queue_id) on q.team_id = a.team_id;

-- An empty live row per queue, so a board has something to show at once.
insert into public.queue_live (queue_id, site_id)
select id, site_id from public.queues where site_id = '5a000000-0000-4000-8000-000000000001';

-- Three invented leads per outbound caller (names and numbers are fiction;
-- 1380000xxxx numbers are not assigned to anyone).
insert into public.leads (site_id, owner_agent_id, customer_name, phone, source, grade, product_demand, follow_up_count,
  graded_at, last_called_at)
select
  a.site_id, a.id,
  (array['赵','钱','孙','李','周','吴','郑','王','冯','陈'])[(k + j) % 10 + 1] || (array['先生','女士'])[(k + j) % 2 + 1],
  '1380000' || lpad((k * 10 + j)::text, 4, '0'),
  (array['own_project','outreach','customer_club','agency','sms_intercept'])[(k + j) % 5 + 1]::public.lead_source,
  (array['A','B','C','D'])[(k * 3 + j) % 4 + 1]::public.lead_grade,
  (array['高层 high-rise','别墅 villa','洋房 low-rise'])[(k + j) % 3 + 1],
  -- Reached (k + j) % 6 times, graded at the last of them, a few days ago.
  (k + j) % 6,
  case when (k + j) % 6 > 0 then now() - ((k + j) % 9 + 1) * interval '1 day' end,
  case when (k + j) % 6 > 0 then now() - ((k + j) % 9 + 1) * interval '1 day' end
from (
  select a.*, row_number() over (order by a.employee_no) as k
  from public.agents a
  where a.team_id = '7e000000-0000-4000-8000-000000000004'
) a
cross join generate_series(1, 3) as j;

-- The invitation register for the demo week (relative to now, so the outbound
-- board shows figures on any day): caller k of the outbound team has k mod 4
-- of their three leads' visits confirmed by their team lead this week (visits
-- within the last hours), and the rest booked for tomorrow.
insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_by, confirmed_at)
select l.site_id, l.owner_agent_id, l.id,
  case when l.j <= l.k % 4 then now() - l.j * interval '20 minutes' else now() + interval '1 day' end,
  case when l.j <= l.k % 4 then 'visited' else 'booked' end::public.invitation_status,
  case when l.j <= l.k % 4 then now() - l.j * interval '20 minutes' end,
  case when l.j <= l.k % 4 then 'a0000000-0000-4000-8000-000000000014'::uuid end,
  case when l.j <= l.k % 4 then now() - l.j * interval '10 minutes' end
from (
  select leads.*,
    dense_rank() over (order by a.employee_no) as k,
    row_number() over (partition by leads.owner_agent_id order by leads.phone) as j
  from public.leads
  join public.agents a on a.id = leads.owner_agent_id
  where a.team_id = '7e000000-0000-4000-8000-000000000004'
) l;

-- The demo site's working-day calendar: China's 2025 and 2026 public holidays
-- and make-up working days from the data shipped in the migrations. 2027 is
-- left empty on purpose: its notice is not in the data yet, and the helpers
-- say so instead of counting its Spring Festival as working days.
select public.load_national_holidays('5a000000-0000-4000-8000-000000000001', y) from (values (2025), (2026)) as years (y);

-- Seasons (DOMAIN.md: winter 9:00–17:00, summer 9:00–17:30; summer 1 May –
-- 30 September by the product default) for 2026 and 2027, and the shift
-- templates the demo's schedules use. Paid time: span minus unpaid breaks.
insert into public.seasons (id, site_id, name, day_start, day_end) values
  ('5e500000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '冬季 Winter', '09:00', '17:00'),
  ('5e500000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '夏季 Summer', '09:00', '17:30');
insert into public.season_periods (site_id, season_id, starts_on, ends_on)
select '5a000000-0000-4000-8000-000000000001', ('5e500000-0000-4000-8000-00000000000' || s)::uuid,
  make_date(y, sm, 1), (make_date(y, em, 1) + interval '1 month - 1 day')::date
from (values (1, 1, 4), (2, 5, 9), (1, 10, 12)) as p (s, sm, em)
cross join (values (2026), (2027)) as years (y);

insert into public.shift_templates (id, site_id, name, starts_at, ends_at, breaks, colour) values
  -- 8:00–16:30: lunch 30 min unpaid, two paid 15-minute rests → 8 h paid.
  ('57000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '早班 Early', '08:00', '16:30',
    '[{"start_min": 120, "minutes": 15, "paid": true}, {"start_min": 240, "minutes": 30, "paid": false}, {"start_min": 390, "minutes": 15, "paid": true}]', '#5fb3f9'),
  -- 9:00–18:00: lunch an hour unpaid → 8 h.
  ('57000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '白班 Day', '09:00', '18:00',
    '[{"start_min": 180, "minutes": 60, "paid": false}]', '#4aa3ff'),
  -- 13:00–21:30: dinner 30 min unpaid → 8 h.
  ('57000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', '晚班 Late', '13:00', '21:30',
    '[{"start_min": 240, "minutes": 30, "paid": false}]', '#b48cff'),
  -- 8:00–20:00 with four unpaid hours in the middle: the split shift covers both peaks → 8 h.
  ('57000000-0000-4000-8000-000000000004', '5a000000-0000-4000-8000-000000000001', '两头班 Split', '08:00', '20:00',
    '[{"start_min": 240, "minutes": 240, "paid": false}]', '#f5b942'),
  -- 22:00–06:30 across midnight: 30 min unpaid → 8 h, counted for the day it starts.
  ('57000000-0000-4000-8000-000000000005', '5a000000-0000-4000-8000-000000000001', '夜班 Night', '22:00', '06:30',
    '[{"start_min": 240, "minutes": 30, "paid": false}]', '#7a8cff'),
  -- The outbound manual's seasonal days: lunch an hour unpaid → 7 h in winter, 7.5 h in summer.
  ('57000000-0000-4000-8000-000000000006', '5a000000-0000-4000-8000-000000000001', '冬季白班 Winter day', '09:00', '17:00',
    '[{"start_min": 180, "minutes": 60, "paid": false}]', '#3ccf7a'),
  ('57000000-0000-4000-8000-000000000007', '5a000000-0000-4000-8000-000000000001', '夏季白班 Summer day', '09:00', '17:30',
    '[{"start_min": 180, "minutes": 60, "paid": false}]', '#f08a4b');
insert into public.shift_template_seasons (site_id, template_id, season_id) values
  ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000006', '5e500000-0000-4000-8000-000000000001'),
  ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000007', '5e500000-0000-4000-8000-000000000002');
-- Early and split shifts staff sales, day and late shifts after-sales, the
-- night shift complaints; the seasonal day shifts are the outbound team's.
insert into public.shift_template_queues (site_id, template_id, queue_id)
select '5a000000-0000-4000-8000-000000000001', ('57000000-0000-4000-8000-00000000000' || t)::uuid,
  ('9e000000-0000-4000-8000-00000000000' || q)::uuid
from (values (1, 1), (2, 2), (3, 2), (4, 1), (5, 3), (6, 4), (7, 4)) as x (t, q);

-- The demo counts averaged hours over a month (综合工时): the outbound team
-- keeps the manual's one rest day a week on alternate weeks (大小周: six days
-- of 7 h, then five), 38.5 h a week on average, which a standard 40 h week
-- would call overtime every other week.
update public.schedule_policies set hours_mode = 'averaged', averaging_period = 'month'
where site_id = '5a000000-0000-4000-8000-000000000001';

-- The attendance engine re-judges after every published schedule, policy
-- change, punch and approved request (20261207110000); the seed writes all of
-- those in bulk, so it turns those triggers off and judges the whole range
-- once below, instead of judging the month five times over.
alter table public.schedules disable trigger schedules_rejudge;
alter table public.attendance_policies disable trigger attendance_policies_rejudge;
alter table public.punches disable trigger punches_rejudge_insert;
alter table public.punches disable trigger punches_rejudge_update;
alter table public.attendance_requests disable trigger attendance_requests_rejudge;

-- Schedules for every team: the five weeks before this one (attendance has
-- a month to judge), this week and next published, the week after a draft
-- (relative to the site's today, so the demo has them on any day).
-- Inbound agents work five 8-hour shifts on one template each (agent i rests
-- on days i mod 7 and the next); outbound callers the season's day shift.
-- Team 1's draft breaks two rules on purpose: agent01 works all seven days,
-- and agent02 takes Monday's day shift without the after-sales skill.
insert into public.schedules (site_id, team_id, week_start, version)
select '5a000000-0000-4000-8000-000000000001', t.id,
  date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7 * w, 1
from public.teams t cross join generate_series(-5, 2) as w
where t.site_id = '5a000000-0000-4000-8000-000000000001';

insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at)
select s.site_id, s.id, a.id, s.week_start + d, tpl.id, tpl.starts_at, tpl.ends_at
from public.schedules s
join public.agents a on a.team_id = s.team_id
cross join generate_series(0, 6) as d
cross join lateral (
  select substr(a.employee_no, 2)::integer as i,
    s.week_start = date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 14 as is_draft
) n
cross join lateral (
  select case
    when n.is_draft and n.i = 2 and d = 0 then 2
    when n.i <= 10 then case when n.i % 2 = 1 then 1 else 4 end
    when n.i <= 20 then case when n.i % 2 = 1 then 2 else 3 end
    when n.i <= 30 then case when n.i % 5 = 0 then 5 when n.i % 2 = 1 then 2 else 3 end
    when app.season_on(s.site_id, s.week_start + d) = '5e500000-0000-4000-8000-000000000002' then 7
    else 6
  end as no
) x
join public.shift_templates tpl on tpl.id = ('57000000-0000-4000-8000-00000000000' || x.no)::uuid
where s.site_id = '5a000000-0000-4000-8000-000000000001'
  and case
    when n.is_draft and n.i = 1 then true
    when n.i <= 30 then d not in (n.i % 7, (n.i + 1) % 7)
    else d < 5 or (d = 5 and extract(week from s.week_start)::integer % 2 = 0)
  end;

-- A fixed weekly rotation averages 40 h a week, but a calendar month is not
-- whole weeks: five shifts a week over a 30-day month can come to 22 shifts,
-- 176 h against the month's 171:25 h (and summer's 7.5-hour days for the
-- outbound team go over in any long month). So, as a planner keeping the
-- month's average, each agent rests on the first planned days of a month
-- until the month's planned hours fit. The draft week counts first, so its
-- deliberate violations stay and checking it adds no period_hours one.
delete from public.schedule_shifts sh
using (
  select x.id
  from (
    select sh.id,
      sum(sh.paid_min) over (
        partition by sh.agent_id, date_trunc(p.averaging_period, sh.day)
        order by s.week_start = date_trunc('week', app.site_today(s.site_id)::timestamp)::date + 14 desc, sh.day desc
      ) as planned,
      p.max_week_paid_min * ((date_trunc(p.averaging_period, sh.day)
        + case p.averaging_period when 'month' then interval '1 month' else interval '3 months' end)::date
        - date_trunc(p.averaging_period, sh.day)::date) / 7 as allowed
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id
    join public.schedule_policies p on p.site_id = sh.site_id and p.hours_mode = 'averaged'
    where sh.site_id = '5a000000-0000-4000-8000-000000000001'
  ) x
  where x.planned > x.allowed
) over_month
where sh.id = over_month.id;

update public.schedules
set status = 'published', published_by = 'a0000000-0000-4000-8000-000000000003', published_at = now()
where site_id = '5a000000-0000-4000-8000-000000000001'
  and week_start < date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 14;

-- Attendance (issue 12): the weeks before today as the face terminal at the
-- door would have recorded it, consistent with the published shifts. Each
-- shift's arrival and departure are drawn from a hash of agent and day, so
-- every fresh demo is the same: most agents arrive 3–17 minutes early; about
-- one shift in forty is 6–25 minutes late, one in two hundred 35–70 (a
-- half-day); one in a hundred leaves 10–25 minutes early. Shifts under way
-- have only their clock-in. agent03 forgot to clock out on their last
-- finished shift (a missing punch); agent07 was out on an approved outing;
-- agent05 has a leave request waiting for lead1; agent04 appeals their most
-- recent late arrival. The floor works weekends and holidays in rotation,
-- so a published shift on one is judged like any other.
update public.attendance_policies set judge_rest_days = true, judge_holidays = true
where site_id = '5a000000-0000-4000-8000-000000000001';

with shift as (
  select sh.site_id, sh.agent_id, sh.day, sh.start_ts, sh.end_ts, a.employee_no,
    abs(('x' || substr(md5(sh.agent_id::text || sh.day::text), 1, 8))::bit(32)::integer) % 1000 as arrive,
    abs(('x' || substr(md5(sh.day::text || sh.agent_id::text), 1, 8))::bit(32)::integer) % 1000 as leave
  from public.schedule_shifts sh
  join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
  join public.agents a on a.id = sh.agent_id
  where sh.site_id = '5a000000-0000-4000-8000-000000000001'
    and sh.start_ts < now() - interval '20 minutes'
),
punch as (
  select site_id, agent_id, 'in'::public.punch_direction as direction, employee_no, arrive as pick,
    start_ts + case
      when arrive < 25 then make_interval(mins => 6 + arrive % 20, secs => arrive % 50)
      when arrive < 30 then make_interval(mins => 35 + (arrive * 7) % 36, secs => arrive % 40)
      else -make_interval(mins => 3 + arrive % 15, secs => arrive % 60)
    end as at
  from shift
  union all
  select site_id, agent_id, 'out', employee_no, leave,
    end_ts + case
      when leave < 10 then -make_interval(mins => 10 + leave % 16, secs => leave % 30)
      else make_interval(mins => leave % 20, secs => leave % 60)
    end
  from shift
  where end_ts + interval '25 minutes' < now()
    -- agent03's last finished shift has no clock-out.
    and not (employee_no = 'E003' and day = (
      select max(s3.day) from shift s3 where s3.employee_no = 'E003' and s3.end_ts + interval '25 minutes' < now()
    ))
)
insert into public.punches (site_id, agent_id, punched_at, direction, source, device, device_time, received_at, created_by)
select site_id, agent_id, at, direction,
  case when pick % 10 = 7 then 'web' when pick % 20 = 3 then 'kiosk' else 'terminal' end::public.punch_source,
  case when pick % 10 = 7 then null when pick % 20 = 3 then '正门平板 Entrance tablet' else 'FACE-01 正门 Main door' end,
  at,
  -- Terminal exports are imported the next morning; web and kiosk punches arrive at once.
  case when pick % 10 = 7 or pick % 20 = 3 then at
    else least(now(), (date_trunc('day', at at time zone 'Asia/Shanghai') + interval '1 day 07:30') at time zone 'Asia/Shanghai')
  end,
  null
from punch
where at < now();

-- agent04's latest finished shift of the last two days was 14 minutes late (they appeal it below).
update public.punches p
set punched_at = x.start_ts + interval '14 minutes 20 seconds', device_time = x.start_ts + interval '14 minutes 20 seconds',
  received_at = greatest(p.received_at, x.start_ts + interval '14 minutes 20 seconds')
from (
  select sh.agent_id, sh.start_ts
  from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
  where sh.agent_id = 'ac000000-0000-4000-8000-000000000104' and sh.end_ts + interval '2 hours' < now()
    and sh.day >= app.site_today('5a000000-0000-4000-8000-000000000001') - 2
  order by sh.start_ts desc limit 1
) x
where p.agent_id = x.agent_id and p.direction = 'in' and p.punched_at between x.start_ts - interval '1 hour' and x.start_ts + interval '1 hour';

-- Everyone starts the year with five days of annual leave.
insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason, made_by)
select site_id, id, 'annual', 5 * 480, '2026 年假 Annual leave 2026', 'a0000000-0000-4000-8000-000000000003'
from public.agents where site_id = '5a000000-0000-4000-8000-000000000001';

-- agent07 was out at a client's from 13:30 to 15:30 on their latest finished shift, approved by lead1 and the supervisor.
with shift as (
  select sh.site_id, sh.agent_id, sh.day
  from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
  where sh.agent_id = 'ac000000-0000-4000-8000-000000000107' and sh.end_ts + interval '2 hours' < now()
  order by sh.start_ts desc limit 1
),
outing as (
  insert into public.attendance_requests (site_id, agent_id, kind, starts_at, ends_at, reason, status, step, filed_by, filed_at, decided_at)
  select site_id, agent_id, 'outing', (day + time '13:30') at time zone 'Asia/Shanghai', (day + time '15:30') at time zone 'Asia/Shanghai',
    '到万科城项目现场带看 Site visit with a client at the Vanke City project', 'approved', 2,
    'a0000000-0000-4000-8000-000000000107', (day - 1 + time '17:00') at time zone 'Asia/Shanghai', (day - 1 + time '18:00') at time zone 'Asia/Shanghai'
  from shift
  returning id, site_id, filed_at, decided_at
)
insert into public.attendance_request_steps (request_id, site_id, action, as_role, comment, made_by, made_at)
select id, site_id, x.action, x.as_role::public.app_role, x.comment, x.made_by::uuid, x.at
from outing cross join lateral (values
  ('filed', 'agent', null, 'a0000000-0000-4000-8000-000000000107', filed_at),
  ('approved', 'lead', '同意 OK', 'a0000000-0000-4000-8000-000000000011', filed_at + interval '30 minutes'),
  ('approved', 'supervisor', null, 'a0000000-0000-4000-8000-000000000003', decided_at)
) as x (action, as_role, comment, made_by, at);

-- agent05 asks for their first shift next week off (annual leave), waiting for lead1.
with shift as (
  select sh.site_id, sh.agent_id, sh.day
  from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
  where sh.agent_id = 'ac000000-0000-4000-8000-000000000105'
    and sh.day >= date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7
  order by sh.start_ts limit 1
),
leave as (
  insert into public.attendance_requests (site_id, agent_id, kind, leave_type, starts_at, ends_at, reason, filed_by, filed_at)
  select site_id, agent_id, 'leave', 'annual', day::timestamp at time zone 'Asia/Shanghai', (day + 1)::timestamp at time zone 'Asia/Shanghai',
    '家里有事 Family matters', 'a0000000-0000-4000-8000-000000000105', now() - interval '1 day'
  from shift
  returning id, site_id, filed_at
)
insert into public.attendance_request_steps (request_id, site_id, action, as_role, made_by, made_at)
select id, site_id, 'filed', 'agent', 'a0000000-0000-4000-8000-000000000105', filed_at from leave;

-- Judge the month and close what is over, as the server's closer would.
select app.judge_attendance('5a000000-0000-4000-8000-000000000001', null,
  app.site_today('5a000000-0000-4000-8000-000000000001') - 42, app.site_today('5a000000-0000-4000-8000-000000000001') + 14);
select public.close_attendance_days(now());
-- (Deferred checks of the rows above run now: a table with pending trigger events cannot be altered.)
set constraints all immediate;
alter table public.schedules enable trigger schedules_rejudge;
alter table public.attendance_policies enable trigger attendance_policies_rejudge;
alter table public.punches enable trigger punches_rejudge_insert;
alter table public.punches enable trigger punches_rejudge_update;
alter table public.attendance_requests enable trigger attendance_requests_rejudge;

-- agent04 appeals the late arrival: the terminal queue was long that morning.
insert into public.attendance_appeals (site_id, agent_id, day_id, work_date, reason, filed_by, filed_at, file_by, answer_by)
select d.site_id, d.agent_id, d.id, d.work_date, '考勤机前排队，8:58 已到门口 The terminal had a queue; I was at the door at 8:58',
  'a0000000-0000-4000-8000-000000000104', now(), app.appeal_file_by(d),
  app.add_working_days(d.site_id, app.site_today(d.site_id), 5)
from public.attendance_days d
where d.agent_id = 'ac000000-0000-4000-8000-000000000104' and d.status = 'late' and d.closed_at is not null
order by d.work_date desc limit 1;

-- Kiosk (issue 12): the entrance tablet's login (kiosk@demo.local, user 5),
-- a kiosk member of the demo site that reads nothing and takes punches by
-- employee number and PIN. Every demo agent's kiosk PIN is 2580 (one bcrypt
-- hash for all, as for the passwords above); agents change theirs on /me.
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at
)
select
  '00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated',
  'kiosk@demo.local', extensions.crypt('callboard', extensions.gen_salt('bf', 10)), now(),
  '', '', '', '',
  '{"provider": "email", "providers": ["email"]}'::jsonb,
  '{"display_name": "门口考勤机 Entrance kiosk"}'::jsonb,
  now(), now();
insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
values ('a0000000-0000-4000-8000-000000000005', 'a0000000-0000-4000-8000-000000000005',
  '{"sub": "a0000000-0000-4000-8000-000000000005", "email": "kiosk@demo.local", "email_verified": true}'::jsonb,
  'email', now(), now());
insert into public.members (user_id, site_id, role)
values ('a0000000-0000-4000-8000-000000000005', '5a000000-0000-4000-8000-000000000001', 'kiosk');

with pin as (select extensions.crypt('2580', extensions.gen_salt('bf', 10)) as hash)
insert into app.agent_pins (agent_id, site_id, pin_hash)
select a.id, a.site_id, pin.hash
from public.agents a cross join pin
where a.site_id = '5a000000-0000-4000-8000-000000000001';
