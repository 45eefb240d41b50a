import { describe, expect, it } from 'vitest';
import { buildRead } from './build-read.ts';
import { callExpression, chooseRoutine } from './build-rpc.ts';
import { buildCondition, buildOrder, type ColumnSource } from './build-where.ts';
import { buildDelete, buildInsert, buildUpdate, type WriteTarget } from './build-write.ts';
import type { Column, Routine } from './catalog.ts';
import { RestError } from './errors.ts';
import { parseFilter, parseLogic, parseOrder } from './parse-filters.ts';
import { parseSelect } from './parse-select.ts';
import { SqlParams } from './sql.ts';

const col = (name: string, type: string, category: string, dflt: string | null = null): Column => ({
	name,
	type,
	category,
	default: dflt
});
const queues: ColumnSource = {
	name: 'queues',
	columns: new Map(
		[
			col('id', 'pg_catalog.uuid', 'U', 'gen_random_uuid()'),
			col('name', 'pg_catalog.text', 'S'),
			col('sl_threshold_s', 'pg_catalog.int4', 'N', '15'),
			col('active', 'pg_catalog.bool', 'B'),
			col('we"ird', 'pg_catalog.text', 'S')
		].map((c) => [c.name, c])
	)
};
const target: WriteTarget = { table: '"public"."queues"', source: queues };
const shape = { singular: false, stripNulls: false };

const ATTACKS = [
	"x'; drop table public.queues; --",
	'1; drop table x',
	'") or true; --',
	"'||pg_sleep(10)||'",
	'$$ or 1=1 $$',
	'(select 1)'
];

describe('buildCondition', () => {
	it('binds every value as text cast to the column type', () => {
		const params = new SqlParams();
		expect(buildCondition(parseFilter('sl_threshold_s', 'gte.20'), queues, params)).toBe(
			'"sl_threshold_s" >= $1::text::pg_catalog.int4'
		);
		expect(buildCondition(parseFilter('id', 'not.in.(a,b)'), queues, params)).toBe(
			'not ("id" in ($2::text::pg_catalog.uuid, $3::text::pg_catalog.uuid))'
		);
		expect(buildCondition(parseFilter('active', 'is.true'), queues, params)).toBe('"active" is true');
		expect(buildCondition(parseFilter('id', 'in.()'), queues, params)).toBe('false');
		expect(params.values).toEqual(['20', 'a', 'b']);
	});

	it('turns * into % for like and compares other types through text', () => {
		const params = new SqlParams();
		expect(buildCondition(parseFilter('name', 'ilike.*sales*'), queues, params)).toBe('"name" ilike $1::text');
		expect(buildCondition(parseFilter('id', 'like.9e*'), queues, params)).toBe('"id"::text like $2::text');
		expect(params.values).toEqual(['%sales%', '9e%']);
	});

	it('writes logic trees with their negations', () => {
		const params = new SqlParams();
		const sql = buildCondition(
			parseLogic('not.or', '(name.eq.a,and(active.is.false,sl_threshold_s.lt.5))'),
			queues,
			params
		);
		expect(sql).toBe(
			'not (("name" = $1::text::pg_catalog.text or ("active" is false and "sl_threshold_s" < $2::text::pg_catalog.int4)))'
		);
	});

	it('quotes catalog names that need it and refuses unknown columns with 42703', () => {
		expect(buildCondition(parseFilter('"we\\"ird"', 'eq.1'), queues, new SqlParams())).toBe(
			'"we""ird" = $1::text::pg_catalog.text'
		);
		try {
			buildCondition(parseFilter('nope', 'eq.1'), queues, new SqlParams());
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(RestError);
			expect((err as RestError).body).toMatchObject({ code: '42703', message: 'column queues.nope does not exist' });
		}
	});

	it('orders by checked columns only', () => {
		expect(buildOrder(parseOrder('name.desc.nullslast,id'), queues)).toBe('order by "name" desc nulls last, "id"');
		expect(() => buildOrder(parseOrder('nope'), queues)).toThrow(RestError);
		// Parses as a (strange) column name, which the catalog then does not know.
		expect(() => buildOrder(parseOrder('id;drop table queues'), queues)).toThrow(
			'column queues.id;drop table queues does not exist'
		);
	});
});

describe('buildRead', () => {
	it('selects, filters, orders, pages and counts in one statement', () => {
		const params = new SqlParams();
		const sql = buildRead(
			'"public"."queues"',
			queues,
			{
				select: parseSelect('id,label:name,sl_threshold_s::text'),
				where: [parseFilter('active', 'is.true')],
				order: parseOrder('name'),
				limit: 10,
				offset: 20
			},
			{ ...shape, count: true },
			params
		);
		expect(sql).toContain(
			'select "id" as "id", "name" as "label", "sl_threshold_s"::text as "sl_threshold_s" from "public"."queues" where "active" is true order by "name" limit 10 offset 20'
		);
		expect(sql).toContain('(select count(*) from "public"."queues" where "active" is true) as pgrst_total');
		expect(sql).toContain("coalesce(json_agg(pgrst_source), '[]')::text as pgrst_body");
	});

	it('asks for the first element only when a single object is wanted', () => {
		const sql = buildRead(
			'"public"."queues"',
			queues,
			{ select: parseSelect(null), where: [], order: [], limit: undefined, offset: 0 },
			{ singular: true, stripNulls: true, count: false },
			new SqlParams()
		);
		expect(sql).toContain("coalesce(json_agg(json_strip_nulls(row_to_json(pgrst_source))) -> 0, 'null')::text");
		expect(sql).toContain('null::bigint as pgrst_total');
	});
});

describe('buildInsert, buildUpdate, buildDelete', () => {
	it('inserts from one bound json document and upserts on the conflict columns', () => {
		const params = new SqlParams();
		const body = JSON.stringify([{ name: ATTACKS[0], sl_threshold_s: 20 }]);
		const sql = buildInsert(
			target,
			{ columns: ['name', 'sl_threshold_s'], missingDefault: false, onConflict: { columns: ['id'], action: 'merge' } },
			body,
			{ kind: 'rows', select: parseSelect('id'), shape },
			params
		);
		expect(params.values).toEqual([body]);
		expect(sql).toContain(
			'insert into "public"."queues" ("name", "sl_threshold_s") select pgrst_r."name", pgrst_r."sl_threshold_s"'
		);
		expect(sql).toContain('json_populate_recordset(null::"public"."queues", pgrst_rows.j)');
		expect(sql).toContain(
			'on conflict ("id") do update set "name" = excluded."name", "sl_threshold_s" = excluded."sl_threshold_s"'
		);
		expect(sql).toContain('returning "id"');
	});

	it('uses column defaults for missing keys with missing=default, and do nothing to ignore duplicates', () => {
		const sql = buildInsert(
			target,
			{ columns: ['id', 'name'], missingDefault: true, onConflict: { columns: ['id'], action: 'ignore' } },
			'[]',
			{ kind: 'count' },
			new SqlParams()
		);
		expect(sql).toContain(`case when pgrst_e.j::jsonb ? 'id' then pgrst_r."id" else gen_random_uuid() end`);
		expect(sql).toContain(`case when pgrst_e.j::jsonb ? 'name' then pgrst_r."name" else null end`);
		expect(sql).toContain('on conflict ("id") do nothing returning 1');
	});

	it('updates and deletes only what the filters select', () => {
		const params = new SqlParams();
		const update = buildUpdate(
			target,
			['name'],
			'{"name":"x"}',
			[parseFilter('id', 'eq.1')],
			{ kind: 'count' },
			params
		);
		expect(update).toContain(
			'update "public"."queues" set ("name") = (select pgrst_r."name"\n\t\tfrom json_populate_record(null::"public"."queues", $1::text::json) as pgrst_r) where "id" = $2::text::pg_catalog.uuid returning 1'
		);
		const remove = buildDelete(target, [], { kind: 'rows', select: parseSelect('*'), shape }, new SqlParams());
		expect(remove).toContain('delete from "public"."queues"  returning *');
	});
});

describe('injection attempts', () => {
	it('never puts a filter, list, logic or body value into the SQL text', () => {
		for (const attack of ATTACKS) {
			const params = new SqlParams();
			const conditions = [
				parseFilter('name', `eq.${attack}`),
				parseFilter('name', `in.(${JSON.stringify(attack)},b)`),
				parseLogic('or', `(name.eq.${JSON.stringify(attack)},name.like.${JSON.stringify(attack)})`)
			];
			const read = buildRead(
				'"public"."queues"',
				queues,
				{ select: parseSelect('id'), where: conditions, order: [], limit: undefined, offset: 0 },
				{ ...shape, count: true },
				params
			);
			const write = buildInsert(
				target,
				{ columns: ['name'], missingDefault: false },
				JSON.stringify({ name: attack }),
				{ kind: 'count' },
				params
			);
			for (const sql of [read, write]) {
				expect(sql).not.toContain(attack);
				expect(sql).not.toContain('drop');
			}
			expect(params.values.filter((v) => v === attack)).toHaveLength(4);
		}
	});
});

describe('RPC calls', () => {
	const fn = (name: string, params: Routine['params']): Routine => ({
		name,
		params,
		returns: { kind: 'scalar', set: false }
	});
	const count = fn('queue_count', [{ name: 'site', type: 'pg_catalog.uuid', hasDefault: false, variadic: false }]);
	const search = fn('search', [
		{ name: 'q', type: 'pg_catalog.text', hasDefault: false, variadic: false },
		{ name: 'max', type: 'pg_catalog.int4', hasDefault: true, variadic: false }
	]);
	const single = fn('ingest', [{ name: '', type: 'pg_catalog."jsonb"', hasDefault: false, variadic: false }]);

	it('picks the function whose parameter names match the arguments', () => {
		expect(chooseRoutine([count], ['site'], { named: true, single: true })).toEqual({ kind: 'named', routine: count });
		expect(chooseRoutine([search], ['q'], { named: true, single: false })).toMatchObject({ kind: 'named' });
		expect(chooseRoutine([search], ['max'], { named: true, single: false })).toEqual({ kind: 'none' });
		expect(chooseRoutine([count], ['site', 'extra'], { named: true, single: false })).toEqual({ kind: 'none' });
		expect(chooseRoutine([count, single], ['events'], { named: true, single: true })).toEqual({
			kind: 'single',
			routine: single
		});
		const twin = fn('queue_count', [{ name: 'site', type: 'pg_catalog.text', hasDefault: false, variadic: false }]);
		expect(chooseRoutine([count, twin], ['site'], { named: true, single: true }).kind).toBe('ambiguous');
	});

	it('passes arguments through the bound JSON document', () => {
		expect(callExpression({ kind: 'named', routine: search }, ['q'], '$1::text')).toBe(
			'"public"."search"("q" := (select pgrst_a."q" from json_to_record($1::text::json) as pgrst_a ("q" pg_catalog.text)))'
		);
		expect(callExpression({ kind: 'single', routine: single }, [], '$1::text')).toBe(
			'"public"."ingest"($1::text::pg_catalog."jsonb")'
		);
		expect(callExpression({ kind: 'named', routine: fn('now_ish', []) }, [], '$1::text')).toBe('"public"."now_ish"()');
	});
});
