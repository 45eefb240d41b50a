-- Writing quality data (tables: 20261209200000_qa_and_csat.sql).
--
-- public.score_call scores one call leg with a scorecard of its site: the
-- browser sends points per item, the total is computed here. Scoring a leg
-- again replaces its evaluation (a QA specialist correcting a slip). Only the
-- site's qa, managers and admins score, and never a call they took themself.
--
-- public.import_csat stores survey results {line?, call_id, score, rated_at?}
-- (the browser reads the CSV file, src/lib/qa/csat-file.ts) and reports every
-- line: imported, refused (with a reason) or not_imported (a good line of an
-- all-or-nothing import that had refused lines, or of a dry run). Reasons:
-- missing_call_id, unknown_call (no leg of the site has that call id),
-- no_agent (the call reached no agent), bad_score (not a whole number 1–5),
-- bad_time (rated_at not a date and time, or in the future),
-- duplicate_in_file (the call id came earlier in the same import) and
-- already_rated (the call has a rating). A call id of several legs
-- (transferred) rates the agent of the last answered leg: the one the
-- customer spoke to last. rated_at without a zone is site-local time.
--
-- Codes: CB110 no such call; CB111 the caller may not score or import at
-- this site; CB112 the call has no agent; CB113 scoring a call one took
-- oneself; CB114 no such scorecard at the call's site; CB115 items that do
-- not score every item of the scorecard once with whole points 0..max;
-- CB116 rows that are not an array, or more than 5,000 of them.

create function public.score_call(
  queue_id uuid,
  call_id text,
  scorecard_id uuid,
  items jsonb,
  comment text default null
)
returns public.qa_evaluations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  leg public.call_summaries;
  card_items integer;
  given integer;
  matched integer;
  computed numeric;
  saved public.qa_evaluations;
begin
  select * into leg from public.call_summaries s
  where s.queue_id = score_call.queue_id and s.call_id = score_call.call_id;
  if not found or not app.is_site_member(leg.site_id) then
    raise exception using errcode = 'CB110', message = 'No such call.';
  end if;
  if not app.has_site_role(leg.site_id, '{qa,manager,admin}') then
    raise exception using errcode = 'CB111', message = 'Only QA specialists, managers and admins score calls.';
  end if;
  if leg.agent_id is null then
    raise exception using errcode = 'CB112', message = 'This call reached no agent, so there is nobody to score.';
  end if;
  if app.is_own_agent(leg.agent_id) then
    raise exception using errcode = 'CB113', message = 'Nobody scores a call they took themself.';
  end if;
  if not exists (
    select 1 from public.qa_scorecards c where c.id = score_call.scorecard_id and c.site_id = leg.site_id
  ) then
    raise exception using errcode = 'CB114', message = 'No such scorecard at this call''s site.';
  end if;

  if jsonb_typeof(items) is distinct from 'array' or exists (
    select 1 from jsonb_array_elements(items) x
    where jsonb_typeof(x) <> 'object'
      or jsonb_typeof(x -> 'points') is distinct from 'number'
      or (x ->> 'item_id') is null
      or (x ->> 'item_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      or (x ->> 'points')::numeric <> trunc((x ->> 'points')::numeric)
      or abs((x ->> 'points')::numeric) > 1000
  ) then
    raise exception using errcode = 'CB115',
      message = 'Give each item as {item_id, points} with whole points.';
  end if;

  select count(*) into card_items from public.qa_scorecard_items i where i.scorecard_id = score_call.scorecard_id;
  select count(*), count(i.id) into given, matched
  from (select distinct on (x ->> 'item_id') (x ->> 'item_id')::uuid as item_id, (x ->> 'points')::integer as points
        from jsonb_array_elements(items) x) g
  left join public.qa_scorecard_items i
    on i.id = g.item_id and i.scorecard_id = score_call.scorecard_id and g.points between 0 and i.max_points;
  if card_items = 0 or given <> jsonb_array_length(items) or matched <> given or given <> card_items then
    raise exception using errcode = 'CB115',
      message = 'Score every item of the scorecard once, with points from 0 to the item''s maximum.';
  end if;

  select round(100 * sum(i.weight * (x ->> 'points')::integer / i.max_points) / sum(i.weight), 2)
  into computed
  from jsonb_array_elements(items) x
  join public.qa_scorecard_items i on i.id = (x ->> 'item_id')::uuid;

  insert into public.qa_evaluations as e
    (site_id, agent_id, queue_id, call_id, call_at, scorecard_id, scored_by, scored_at, total, comment)
  values (leg.site_id, leg.agent_id, leg.queue_id, leg.call_id,
    coalesce(leg.answered_at, leg.offered_at, leg.ended_at, leg.updated_at),
    score_call.scorecard_id, (select auth.uid()), now(), computed, nullif(btrim(score_call.comment), ''))
  on conflict on constraint qa_evaluations_queue_id_call_id_key do update set
    agent_id = excluded.agent_id, call_at = excluded.call_at, scorecard_id = excluded.scorecard_id,
    scored_by = excluded.scored_by, scored_at = excluded.scored_at, total = excluded.total,
    comment = excluded.comment
  returning * into saved;

  delete from public.qa_evaluation_items ei where ei.evaluation_id = saved.id;
  insert into public.qa_evaluation_items (evaluation_id, position, scorecard_item_id, label, weight, max_points, points)
  select saved.id, i.position, i.id, i.label, i.weight, i.max_points, (x ->> 'points')::smallint
  from jsonb_array_elements(items) x
  join public.qa_scorecard_items i on i.id = (x ->> 'item_id')::uuid;

  return saved;
end;
$$;
comment on function public.score_call(uuid, text, uuid, jsonb, text) is
  'Scores one call leg with a scorecard (points per item); the weighted total is computed here. Replaces an earlier score.';
revoke execute on function public.score_call(uuid, text, uuid, jsonb, text) from public, anon;
grant execute on function public.score_call(uuid, text, uuid, jsonb, text) to authenticated, service_role;

create function public.import_csat(site_id uuid, rows jsonb, all_or_nothing boolean, dry_run boolean default false)
returns table (line integer, call_id text, status text, reason text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  zone text;
  batch uuid := gen_random_uuid();
  refused_any boolean;
begin
  if not app.has_site_role(import_csat.site_id, '{qa,supervisor,manager,admin}') then
    raise exception using errcode = 'CB111',
      message = 'Only QA specialists, supervisors, managers and admins import satisfaction results.';
  end if;
  if jsonb_typeof(rows) is distinct from 'array' or jsonb_array_length(rows) > 5000 then
    raise exception using errcode = 'CB116', message = 'Send the results as an array of at most 5,000 rows.';
  end if;
  select s.time_zone into zone from public.sites s where s.id = import_csat.site_id;

  create temporary table if not exists pg_temp.csat_lines (
    ord integer, line integer, call_id text, score_text text, time_text text,
    queue_id uuid, agent_id uuid, call_at timestamptz, score smallint, rated_at timestamptz, reason text
  ) on commit drop;
  delete from pg_temp.csat_lines;

  insert into pg_temp.csat_lines (ord, line, call_id, score_text, time_text)
  select r.ord::integer,
    case when (r.row ->> 'line') ~ '^[0-9]{1,9}$' then (r.row ->> 'line')::integer else r.ord::integer end,
    nullif(btrim(r.row ->> 'call_id'), ''),
    btrim(r.row ->> 'score'),
    nullif(btrim(r.row ->> 'rated_at'), '')
  from jsonb_array_elements(case when jsonb_typeof(rows) = 'array' then rows else '[]' end)
    with ordinality as r (row, ord)
  where jsonb_typeof(r.row) = 'object';

  -- The leg each call id rates: the last answered one with an agent.
  update pg_temp.csat_lines l set queue_id = pick.queue_id, agent_id = pick.agent_id, call_at = pick.call_at
  from (
    select distinct on (s.call_id) s.call_id, s.queue_id, s.agent_id,
      coalesce(s.answered_at, s.offered_at, s.ended_at, s.updated_at) as call_at
    from public.call_summaries s
    where s.site_id = import_csat.site_id and s.call_id in (select c.call_id from pg_temp.csat_lines c)
    order by s.call_id, (s.agent_id is null), s.answered_at desc nulls last, s.offered_at desc nulls last
  ) pick
  where pick.call_id = l.call_id;

  -- A whole number 1–5; spreadsheets may write 5 as 5.0.
  update pg_temp.csat_lines l set score = l.score_text::numeric::smallint
  where l.score_text ~ '^[1-5](\.0+)?$';

  -- rated_at: with a zone as given, else site-local; unreadable → bad_time.
  declare
    r record;
  begin
    for r in select c.ord, c.time_text from pg_temp.csat_lines c where c.time_text is not null loop
      begin
        update pg_temp.csat_lines c set rated_at = case
            when r.time_text ~* '(z|[+-][0-9]{2}(:?[0-9]{2})?)$' then r.time_text::timestamptz
            else r.time_text::timestamp at time zone zone
          end
        where c.ord = r.ord;
      exception
        when invalid_datetime_format or datetime_field_overflow or invalid_parameter_value then null;
      end;
    end loop;
  end;

  update pg_temp.csat_lines l set reason = case
    when l.call_id is null then 'missing_call_id'
    when l.queue_id is null then 'unknown_call'
    when l.agent_id is null then 'no_agent'
    when l.score is null then 'bad_score'
    when l.time_text is not null and (l.rated_at is null or l.rated_at > now() + interval '5 minutes') then 'bad_time'
    when exists (select 1 from pg_temp.csat_lines e where e.call_id = l.call_id and e.ord < l.ord) then 'duplicate_in_file'
    when exists (
      select 1 from public.call_ratings cr where cr.site_id = import_csat.site_id and cr.call_id = l.call_id
    ) then 'already_rated'
  end;

  refused_any := exists (select 1 from pg_temp.csat_lines l where l.reason is not null)
    or jsonb_array_length(rows) > (select count(*) from pg_temp.csat_lines);

  if not dry_run and not (all_or_nothing and refused_any) then
    insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score, rated_at, source, batch_id)
    select import_csat.site_id, l.queue_id, l.call_id, l.agent_id, l.call_at, l.score, coalesce(l.rated_at, now()),
      'csv', batch
    from pg_temp.csat_lines l
    where l.reason is null;
  end if;

  return query
    select r.ord::integer, null::text, 'refused', 'not_an_object'
    from jsonb_array_elements(rows) with ordinality as r (row, ord)
    where jsonb_typeof(r.row) <> 'object'
    union all
    select l.line, l.call_id,
      case
        when l.reason is not null then 'refused'
        when dry_run or (all_or_nothing and refused_any) then 'not_imported'
        else 'imported'
      end,
      l.reason
    from pg_temp.csat_lines l
    order by 1;
end;
$$;
comment on function public.import_csat(uuid, jsonb, boolean, boolean) is
  'Stores CSAT survey results (call_id, score 1–5, rated_at?) of a site; reports each line: imported, refused (reason) or not_imported.';
revoke execute on function public.import_csat(uuid, jsonb, boolean, boolean) from public, anon;
grant execute on function public.import_csat(uuid, jsonb, boolean, boolean) to authenticated, service_role;
