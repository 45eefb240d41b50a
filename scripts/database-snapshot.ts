// A comparable list of what a database holds: every role, schema, relation,
// function, type, trigger and policy outside the system schemas, and the row
// count of every table. The pgTAP runner takes one before and one after the
// suite: a test file must leave nothing behind, as on a real project, where
// `supabase test db` runs the files against the project's own database.
import type { Queryable } from '../server/db/types.ts';

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
	and n.nspname !~ '^pg_(toast_)?temp_'`;

const OBJECTS = `
	select 'role ' || rolname as entry from pg_roles where rolname !~ '^pg_'
	union all
	select 'schema ' || n.nspname from pg_namespace n where ${USER_SCHEMAS}
	union all
	select 'extension ' || extname || ' ' || extversion from pg_extension
	union all
	select format('relation %s.%s (%s)', n.nspname, c.relname, c.relkind)
	from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${USER_SCHEMAS}
	union all
	select format('function %s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
	from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS}
	union all
	select format('type %s.%s', n.nspname, t.typname)
	from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${USER_SCHEMAS} and t.typrelid = 0
	union all
	select format('trigger %s on %s', t.tgname, t.tgrelid::regclass) from pg_trigger t where not t.tgisinternal
	union all
	select format('policy %s on %s', p.polname, p.polrelid::regclass) from pg_policy p`;

/** One counting statement per table (partitions are counted in their parent). */
const COUNTS = `
	select format('select %L || count(*) as entry from %I.%I', format('rows %s.%s ', n.nspname, c.relname),
		n.nspname, c.relname) as statement
	from pg_class c join pg_namespace n on n.oid = c.relnamespace
	where ${USER_SCHEMAS} and c.relkind in ('r', 'p') and not c.relispartition
	order by 1`;

/** Sorted entries such as `schema tests` or `rows public.sites 2`. */
export async function databaseSnapshot(db: Queryable): Promise<string[]> {
	const { rows: objects } = await db.query<{ entry: string }>(OBJECTS);
	const { rows: tables } = await db.query<{ statement: string }>(COUNTS);
	const counts =
		tables.length === 0
			? []
			: (await db.query<{ entry: string }>(tables.map((t) => t.statement).join('\nunion all\n'))).rows;
	return [...objects, ...counts].map((r) => r.entry).sort();
}

/** What `after` has that `before` had not (`+ …`) and the reverse (`- …`). */
export function snapshotChanges(before: string[], after: string[]): string[] {
	const had = new Set(before);
	const has = new Set(after);
	return [
		...after.filter((e) => !had.has(e)).map((e) => `+ ${e}`),
		...before.filter((e) => !has.has(e)).map((e) => `- ${e}`)
	];
}
