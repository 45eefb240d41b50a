// The schema cache: tables, views and functions of schema `public`, read
// from pg_catalog as the server's own database user. Every identifier a
// request names is checked here before it is quoted into SQL. A miss reloads
// the cache once (a migration or a test may just have created the object),
// as PostgREST's schema reload would.
import type { Db } from '../db/types.ts';

export interface Column {
	name: string;
	/** Quoted, schema-qualified type name ("pg_catalog"."int4"), usable in casts. */
	type: string;
	/** pg_type.typcategory: S string, N numeric, A array, B boolean, E enum, U user … */
	category: string;
	/** The column default as SQL (pg_get_expr), null when none. */
	default: string | null;
}

export interface Relation {
	name: string;
	columns: Map<string, Column>;
	primaryKey: string[];
}

export interface RoutineParam {
	/** '' for an unnamed parameter. */
	name: string;
	type: string;
	hasDefault: boolean;
	variadic: boolean;
}

export type RoutineReturn =
	| { kind: 'void' }
	| { kind: 'scalar'; set: boolean }
	| { kind: 'composite'; set: boolean; columns: Map<string, Column> };

export interface Routine {
	name: string;
	params: RoutineParam[];
	returns: RoutineReturn;
}

export interface Catalog {
	relations: Map<string, Relation>;
	routines: Map<string, Routine[]>;
}

const typeName = (t: string, n: string) => `quote_ident(${n}.nspname) || '.' || quote_ident(${t}.typname)`;

const RELATIONS_SQL = `
select coalesce(json_agg(r), '[]') as data from (
	select c.relname as name,
		coalesce((
			select json_agg(json_build_object(
				'name', a.attname, 'type', ${typeName('t', 'tn')}, 'category', t.typcategory::text,
				'default', pg_get_expr(d.adbin, d.adrelid)) order by a.attnum)
			from pg_attribute a
			join pg_type t on t.oid = a.atttypid
			join pg_namespace tn on tn.oid = t.typnamespace
			left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
			where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
		), '[]') as columns,
		coalesce((
			select json_agg(a.attname order by k.ord)
			from pg_constraint con
			cross join unnest(con.conkey) with ordinality as k (attnum, ord)
			join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
			where con.conrelid = c.oid and con.contype = 'p'
		), '[]') as primary_key
	from pg_class c
	join pg_namespace n on n.oid = c.relnamespace
	where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
) r`;

const ROUTINES_SQL = `
select coalesce(json_agg(f), '[]') as data from (
	select p.proname as name, p.proretset as returns_set, p.pronargdefaults as n_defaults,
		rt.typname = 'void' and rn.nspname = 'pg_catalog' as returns_void,
		rt.typname = 'record' and rn.nspname = 'pg_catalog' as returns_record,
		coalesce((
			select json_agg(json_build_object(
				'name', coalesce(p.proargnames[a.ord], ''), 'type', ${typeName('t', 'tn')},
				'category', t.typcategory::text, 'mode', coalesce(p.proargmodes[a.ord]::text, 'i')) order by a.ord)
			from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as a (oid, ord)
			join pg_type t on t.oid = a.oid
			join pg_namespace tn on tn.oid = t.typnamespace
		), '[]') as args,
		coalesce((
			select json_agg(json_build_object(
				'name', at.attname, 'type', ${typeName('t', 'tn')}, 'category', t.typcategory::text) order by at.attnum)
			from pg_attribute at
			join pg_type t on t.oid = at.atttypid
			join pg_namespace tn on tn.oid = t.typnamespace
			where at.attrelid = rt.typrelid and at.attnum > 0 and not at.attisdropped
		), '[]') as return_columns
	from pg_proc p
	join pg_namespace n on n.oid = p.pronamespace
	join pg_type rt on rt.oid = p.prorettype
	join pg_namespace rn on rn.oid = rt.typnamespace
	where n.nspname = 'public' and p.prokind = 'f'
) f`;

interface RawColumn {
	name: string;
	type: string;
	category: string;
	default?: string | null;
}
interface RawRelation {
	name: string;
	columns: RawColumn[];
	primary_key: string[];
}
interface RawRoutine {
	name: string;
	returns_set: boolean;
	n_defaults: number;
	returns_void: boolean;
	returns_record: boolean;
	args: (RawColumn & { mode: string })[];
	return_columns: RawColumn[];
}

function columnMap(raw: RawColumn[]): Map<string, Column> {
	return new Map(
		raw.map((c) => [c.name, { name: c.name, type: c.type, category: c.category, default: c.default ?? null }])
	);
}

function toRoutine(raw: RawRoutine): Routine {
	const inputs = raw.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');
	const outputs = raw.args.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
	const params = inputs.map((a, i) => ({
		name: a.name,
		type: a.type,
		hasDefault: i >= inputs.length - raw.n_defaults,
		variadic: a.mode === 'v'
	}));
	let returns: RoutineReturn;
	if (raw.returns_void) returns = { kind: 'void' };
	else if (raw.return_columns.length > 0)
		returns = { kind: 'composite', set: raw.returns_set, columns: columnMap(raw.return_columns) };
	else if (outputs.length > 0 && (raw.returns_record || outputs.some((o) => o.mode === 't')))
		returns = { kind: 'composite', set: raw.returns_set, columns: columnMap(outputs) };
	else returns = { kind: 'scalar', set: raw.returns_set };
	return { name: raw.name, params, returns };
}

export async function loadCatalog(db: Db): Promise<Catalog> {
	const [relations, routines] = await Promise.all([
		db.query<{ data: RawRelation[] }>(RELATIONS_SQL),
		db.query<{ data: RawRoutine[] }>(ROUTINES_SQL)
	]);
	const catalog: Catalog = { relations: new Map(), routines: new Map() };
	for (const raw of relations.rows[0]?.data ?? []) {
		catalog.relations.set(raw.name, { name: raw.name, columns: columnMap(raw.columns), primaryKey: raw.primary_key });
	}
	for (const raw of routines.rows[0]?.data ?? []) {
		const list = catalog.routines.get(raw.name) ?? [];
		list.push(toRoutine(raw));
		catalog.routines.set(raw.name, list);
	}
	return catalog;
}

export interface CatalogCache {
	/** The cached catalog; reloaded once first when `satisfied` says it lacks what the request names. */
	get(satisfied?: (catalog: Catalog) => boolean): Promise<Catalog>;
}

export function createCatalogCache(db: Db): CatalogCache {
	let current: Promise<Catalog> | undefined;
	const reload = (): Promise<Catalog> => {
		const loading = loadCatalog(db);
		current = loading;
		// A failed load must not poison the cache for later requests.
		loading.catch(() => {
			if (current === loading) current = undefined;
		});
		return loading;
	};
	let reloading: Promise<Catalog> | undefined;
	return {
		async get(satisfied) {
			const catalog = await (current ?? reload());
			if (!satisfied || satisfied(catalog)) return catalog;
			// Requests that miss at the same moment share one reload.
			reloading ??= reload().finally(() => {
				reloading = undefined;
			});
			return reloading;
		}
	};
}
