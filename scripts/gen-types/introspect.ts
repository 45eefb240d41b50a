// Reads one schema's tables, views, foreign keys, functions and all types from
// pg_catalog. Oids travel as text so no driver has to guess about 32-bit
// unsigned integers.
import type {
	ArgMode,
	Catalog,
	Column,
	FunctionArg,
	PgFunction,
	PgType,
	Relation,
	RelationKind,
	ForeignKey,
	KeyColumn,
	ViewSource
} from './catalog';
import { viewTargetList } from './node-tree';

/** The one method we need; PGlite and the server's db adapters both have it. */
export interface Queryable {
	query(sql: string, params?: readonly unknown[]): Promise<{ rows: unknown[] }>;
}

const NAMESPACE = `(select oid from pg_namespace where nspname = $1)`;

const RELATIONS_SQL = `
select c.oid::text as id, c.relname as name, c.relkind::text as relkind,
  (pg_relation_is_updatable(c.oid, false) & 20) = 20 as updatable
from pg_class c
where c.relnamespace = ${NAMESPACE} and c.relkind in ('r', 'p', 'f', 'v', 'm')`;

const COLUMNS_SQL = `
select c.oid::text as relation_id, a.attname as name, a.attnum as position,
  coalesce(base.typname, t.typname) as format,
  not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as nullable,
  a.atthasdef as has_default,
  a.attidentity::text as identity,
  c.relkind in ('r', 'p')
    or (c.relkind in ('v', 'f') and pg_column_is_updatable(c.oid, a.attnum, false)) as updatable
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_type t on t.oid = a.atttypid
left join pg_type base on t.typtype = 'd' and base.oid = t.typbasetype
where c.relnamespace = ${NAMESPACE} and c.relkind in ('r', 'p', 'f', 'v', 'm')
  and a.attnum > 0 and not a.attisdropped`;

// Foreign keys declared in the schema (the referenced table may be elsewhere,
// e.g. auth.users: a view in the schema can still expose it). One-to-one when
// the key's columns, in key order, are exactly a primary key or unique
// constraint of the referencing table in column order — PostgREST's test.
const FOREIGN_KEYS_SQL = `
with keys as (
  select con.conname, con.conrelid, src.relname as relation,
    con.confrelid, ref_ns.nspname as referenced_schema, ref.relname as referenced_relation,
    (select json_agg(json_build_object('position', a.attnum, 'name', a.attname) order by k.ord)
     from unnest(con.conkey) with ordinality k(attnum, ord)
     join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
    (select json_agg(json_build_object('position', a.attnum, 'name', a.attname) order by k.ord)
     from unnest(con.confkey) with ordinality k(attnum, ord)
     join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as referenced_columns,
    array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
          join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as column_names
  from pg_constraint con
  join pg_class src on src.oid = con.conrelid
  join pg_class ref on ref.oid = con.confrelid
  join pg_namespace ref_ns on ref_ns.oid = ref.relnamespace
  where con.contype = 'f' and con.conparentid = 0 and con.connamespace = ${NAMESPACE}
)
select conname as name, conrelid::text as relation_id, relation, columns,
  confrelid::text as referenced_relation_id, referenced_schema, referenced_relation, referenced_columns,
  exists (
    select 1 from pg_constraint u
    where u.conrelid = keys.conrelid and u.contype in ('p', 'u')
      and array(select a.attname::text from pg_attribute a
                where a.attrelid = u.conrelid and a.attnum = any (u.conkey) order by a.attnum) = keys.column_names
  ) as is_one_to_one
from keys`;

// The stored query of each view, to trace view columns back to table columns.
const VIEW_SOURCES_SQL = `
select c.oid::text as view_id, r.ev_action::text as ev_action
from pg_class c
join pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
where c.relnamespace = ${NAMESPACE} and c.relkind in ('v', 'm')`;

// Types of every schema (a column may use an enum from anywhere), limited like
// postgres-meta to base types, composites and table/view row types.
const TYPES_SQL = `
select t.oid::text as id, t.typname as name, n.nspname as schema,
  format_type(t.oid, null) as format,
  nullif(t.typrelid, 0)::text as relation_id,
  coalesce((select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),
    '[]') as enums,
  coalesce((select json_agg(json_build_object('name', a.attname, 'typeId', a.atttypid::text) order by a.attnum)
      from pg_class c join pg_attribute a on a.attrelid = c.oid
      where c.oid = t.typrelid and c.relkind = 'c' and a.attnum > 0 and not a.attisdropped),
    '[]') as attributes
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
where t.typrelid = 0 or (select c.relkind from pg_class c where c.oid = t.typrelid) in ('c', 'r', 'v', 'm', 'p')`;

// Plain functions (no procedures or aggregates) except trigger functions.
// Argument arrays are null when every argument is IN / unnamed.
const FUNCTIONS_SQL = `
select p.oid::text as id, p.proname as name,
  pg_get_function_arguments(p.oid) as argument_types,
  pg_get_function_result(p.oid) as return_type,
  p.prorettype::text as return_type_id,
  nullif(rt.typrelid, 0)::text as return_type_relation_id,
  p.proretset as is_set_returning,
  case when p.proretset then nullif(p.prorows, 0)::float8 end as rows,
  p.pronargdefaults as default_count,
  coalesce((
    select json_agg(json_build_object('mode', coalesce(p.proargmodes[i]::text, 'i'),
                                      'name', coalesce(p.proargnames[i], ''),
                                      'typeId', ty::text) order by i)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(ty, i)
  ), '[]') as args
from pg_proc p
join pg_type rt on rt.oid = p.prorettype
where p.pronamespace = ${NAMESPACE} and p.prokind = 'f'
  and rt.typname not in ('trigger', 'event_trigger')`;

interface RelationRow {
	id: string;
	name: string;
	relkind: string;
	updatable: boolean;
}
interface ColumnRow {
	relation_id: string;
	name: string;
	position: number;
	format: string;
	nullable: boolean;
	has_default: boolean;
	identity: string;
	updatable: boolean;
}
interface ForeignKeyRow {
	name: string;
	relation_id: string;
	relation: string;
	columns: KeyColumn[];
	referenced_relation_id: string;
	referenced_schema: string;
	referenced_relation: string;
	referenced_columns: KeyColumn[];
	is_one_to_one: boolean;
}
interface ViewSourceRow {
	view_id: string;
	ev_action: string;
}
interface TypeRow {
	id: string;
	name: string;
	schema: string;
	format: string;
	relation_id: string | null;
	enums: string[];
	attributes: { name: string; typeId: string }[];
}
interface FunctionRow {
	id: string;
	name: string;
	argument_types: string;
	return_type: string;
	return_type_id: string;
	return_type_relation_id: string | null;
	is_set_returning: boolean;
	rows: number | null;
	default_count: number;
	args: { mode: string; name: string; typeId: string }[];
}

export async function introspect(db: Queryable, schema: string): Promise<Catalog> {
	// A migration may have left the session on another search path, which would
	// change how format_type and pg_get_function_* qualify names.
	await db.query(`set search_path to "$user", public`);
	const params = [schema];
	// Each row has the shape the query right next to it selects.
	const relations = (await db.query(RELATIONS_SQL, params)).rows as RelationRow[];
	const columns = (await db.query(COLUMNS_SQL, params)).rows as ColumnRow[];
	const foreignKeys = (await db.query(FOREIGN_KEYS_SQL, params)).rows as ForeignKeyRow[];
	const viewSources = (await db.query(VIEW_SOURCES_SQL, params)).rows as ViewSourceRow[];
	const types = (await db.query(TYPES_SQL)).rows as TypeRow[];
	const functions = (await db.query(FUNCTIONS_SQL, params)).rows as FunctionRow[];
	return {
		schema,
		relations: relations.map((row) => toRelation(row, columns)),
		foreignKeys: foreignKeys.map(toForeignKey),
		viewSources: viewSources.map(toViewSource),
		functions: functions.map(toFunction),
		types: types.map(toType)
	};
}

const RELATION_KINDS: Record<string, RelationKind> = {
	r: 'table',
	p: 'table',
	f: 'table',
	v: 'view',
	m: 'materialized_view'
};

function toRelation(row: RelationRow, columns: ColumnRow[]): Relation {
	const kind = RELATION_KINDS[row.relkind] ?? 'table';
	return {
		id: row.id,
		name: row.name,
		kind,
		updatable: kind === 'view' && row.updatable,
		columns: columns.filter((c) => c.relation_id === row.id).map(toColumn)
	};
}

function toColumn(row: ColumnRow): Column {
	const identities: Record<string, Column['identity']> = { a: 'always', d: 'by_default' };
	return {
		name: row.name,
		position: row.position,
		format: row.format,
		nullable: row.nullable,
		hasDefault: row.has_default,
		identity: identities[row.identity] ?? null,
		updatable: row.updatable
	};
}

function toForeignKey(row: ForeignKeyRow): ForeignKey {
	return {
		name: row.name,
		relationId: row.relation_id,
		relation: row.relation,
		columns: row.columns,
		isOneToOne: row.is_one_to_one,
		referencedRelationId: row.referenced_relation_id,
		referencedSchema: row.referenced_schema,
		referencedRelation: row.referenced_relation,
		referencedColumns: row.referenced_columns
	};
}

function toViewSource(row: ViewSourceRow): ViewSource {
	const columns = viewTargetList(row.ev_action).map((entry) => ({
		position: entry.resno,
		originRelationId: entry.originRelationId,
		originColumn: entry.originColumn
	}));
	return { viewId: row.view_id, columns };
}

function toType(row: TypeRow): PgType {
	return {
		id: row.id,
		name: row.name,
		schema: row.schema,
		format: row.format,
		relationId: row.relation_id,
		enums: row.enums,
		attributes: row.attributes
	};
}

const ARG_MODES: Record<string, ArgMode> = {
	i: 'in',
	o: 'out',
	b: 'inout',
	v: 'variadic',
	t: 'table'
};

function toFunction(row: FunctionRow): PgFunction {
	return {
		id: row.id,
		name: row.name,
		argumentTypes: row.argument_types,
		returnType: row.return_type,
		returnTypeId: row.return_type_id,
		returnTypeRelationId: row.return_type_relation_id,
		isSetReturning: row.is_set_returning,
		rows: row.rows,
		args: withDefaults(
			row.args.map((arg) => ({
				mode: ARG_MODES[arg.mode] ?? 'in',
				name: arg.name,
				typeId: arg.typeId,
				hasDefault: false
			})),
			row.default_count
		)
	};
}

/** pronargdefaults counts the trailing input arguments that have a default. */
function withDefaults(args: FunctionArg[], defaultCount: number): FunctionArg[] {
	const inputs = args.filter((arg) => arg.mode === 'in' || arg.mode === 'inout' || arg.mode === 'variadic');
	const firstDefault = inputs.length - defaultCount;
	return args.map((arg) => ({ ...arg, hasDefault: inputs.indexOf(arg) >= firstDefault }));
}
