// Reads a catalog (./catalog.ts) from a live PostgreSQL: the facts of the
// auth and realtime schemas, the roles, and the schema-level privileges of
// extensions and public. Function bodies and comments are never read.
import type { Queryable } from '../../server/db/types.ts';
import { CATALOG_SCHEMAS, CatalogSchema, SCHEMA_ONLY, type Catalog } from './catalog.ts';

const API_ROLES = ['anon', 'authenticated', 'service_role'] as const;

/** `{grantee: [privilege…]}` from an ACL, with the owner's implicit default where the ACL is null. */
const grantsOf = (acl: string, kind: string, owner: string) => `(
	select coalesce(jsonb_object_agg(grantee, privileges), '{}'::jsonb) from (
		select case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end as grantee,
			jsonb_agg(a.privilege_type || case when a.is_grantable then ' WITH GRANT OPTION' else '' end
				order by a.privilege_type) as privileges
		from aclexplode(coalesce(${acl}, acldefault('${kind}', ${owner}))) as a
		group by 1
	) as g
)`;

/** What each API role effectively may do: check(role, privilege) is a has_*_privilege call. */
const apiAccessOf = (privileges: string[], check: (role: string, privilege: string) => string) =>
	`jsonb_build_object(${API_ROLES.map(
		(role) =>
			`'${role}', to_jsonb(array_remove(array[${privileges
				.map((p) => `case when ${check(role, p)} then '${p}' end`)
				.join(', ')}], null))`
	).join(', ')})`;

const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
const SEQUENCE_PRIVILEGES = ['USAGE', 'SELECT', 'UPDATE'];

const inSchemas = (column: string, schemas: string[]) =>
	`${column} in (${schemas.map((s) => `'${s}'::regnamespace`).join(', ')})`;

function queries(schemas: string[], schemaOnly: string[]): Record<keyof Catalog, string> {
	const all = [...schemas, ...schemaOnly];
	return {
		roles: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'name', r.rolname, 'superuser', r.rolsuper, 'inherit', r.rolinherit, 'createrole', r.rolcreaterole,
				'createdb', r.rolcreatedb, 'login', r.rolcanlogin, 'replication', r.rolreplication, 'bypassrls', r.rolbypassrls,
				'memberOf', to_jsonb(array(
					select b.rolname from pg_auth_members m join pg_roles b on b.oid = m.roleid
					where m.member = r.oid order by 1)),
				'settings', to_jsonb(array(
					select unnest(s.setconfig) from pg_db_role_setting s
					where s.setrole = r.oid and s.setdatabase = 0 order by 1))
			) order by r.rolname), '[]') from pg_roles r where r.rolname !~ '^pg_'`,
		schemas: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'name', n.nspname, 'owner', n.nspowner::regrole::text,
				'grants', ${grantsOf('n.nspacl', 'n', 'n.nspowner')},
				'api', ${apiAccessOf(['USAGE', 'CREATE'], (r, p) => `has_schema_privilege('${r}', n.oid, '${p}')`)}
			) order by n.nspname), '[]') from pg_namespace n where n.nspname in (${all.map((s) => `'${s}'`).join(', ')})`,
		defaultPrivileges: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'role', d.defaclrole::regrole::text, 'schema', d.defaclnamespace::regnamespace::text,
				'objects', case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions'
					when 'T' then 'types' else 'schemas' end,
				'grants', ${grantsOf('d.defaclacl', 'r', 'd.defaclrole')}
			) order by d.defaclrole::regrole::text, d.defaclnamespace::regnamespace::text, d.defaclobjtype), '[]')
			from pg_default_acl d where ${inSchemas('d.defaclnamespace', all)}`,
		extensions: `
			select coalesce(jsonb_agg(jsonb_build_object('name', e.extname, 'schema', e.extnamespace::regnamespace::text)
				order by e.extname), '[]')
			from pg_extension e where ${inSchemas('e.extnamespace', all)}`,
		publications: `
			select coalesce(jsonb_agg(jsonb_build_object('name', p.pubname, 'allTables', p.puballtables,
				'tables', to_jsonb(array(select t.schemaname || '.' || t.tablename from pg_publication_tables t
					where t.pubname = p.pubname order by 1))) order by p.pubname), '[]')
			from pg_publication p`,
		types: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'schema', t.typnamespace::regnamespace::text, 'name', t.typname, 'owner', t.typowner::regrole::text,
				'kind', case t.typtype when 'e' then 'enum' else 'composite' end,
				'members', case t.typtype
					when 'e' then to_jsonb(array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder))
					else to_jsonb(array(select quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
						from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped order by a.attnum))
				end
			) order by t.typnamespace::regnamespace::text, t.typname), '[]')
			from pg_type t left join pg_class c on c.oid = t.typrelid
			where ${inSchemas('t.typnamespace', schemas)} and (t.typtype = 'e' or (t.typtype = 'c' and c.relkind = 'c'))`,
		tables: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'schema', c.relnamespace::regnamespace::text, 'name', c.relname, 'owner', c.relowner::regrole::text,
				'partitionKey', case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
				'rowLevelSecurity', c.relrowsecurity, 'forceRowLevelSecurity', c.relforcerowsecurity,
				'columns', (select jsonb_agg(jsonb_build_object(
						'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
						'default', case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
						'identity', case a.attidentity when 'a' then 'always' when 'd' then 'by default' end,
						'generated', case when a.attgenerated = 's' then pg_get_expr(d.adbin, d.adrelid) end
					) order by a.attnum)
					from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
					where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
				'constraints', coalesce((select jsonb_agg(jsonb_build_object('name', k.conname, 'kind', k.contype,
						'definition', pg_get_constraintdef(k.oid)) order by k.conname)
					from pg_constraint k where k.conrelid = c.oid and k.contype in ('p', 'u', 'f', 'c', 'x')), '[]'),
				'indexes', to_jsonb(array(select pg_get_indexdef(i.indexrelid) from pg_index i
					join pg_class ic on ic.oid = i.indexrelid
					where i.indrelid = c.oid and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid
						and k.conrelid = c.oid)
					order by ic.relname)),
				'triggers', to_jsonb(array(select pg_get_triggerdef(g.oid) from pg_trigger g
					where g.tgrelid = c.oid and not g.tgisinternal order by g.tgname)),
				'policies', coalesce((select jsonb_agg(jsonb_build_object('name', p.polname,
						'command', case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
							when 'd' then 'delete' else 'all' end,
						'roles', to_jsonb(array(select case when r = 0 then 'public' else r::regrole::text end
							from unnest(p.polroles) as r order by 1))) order by p.polname)
					from pg_policy p where p.polrelid = c.oid), '[]'),
				'grants', ${grantsOf('c.relacl', 'r', 'c.relowner')},
				'api', ${apiAccessOf(TABLE_PRIVILEGES, (r, p) => `has_table_privilege('${r}', c.oid, '${p}')`)}
			) order by c.relnamespace::regnamespace::text, c.relname), '[]')
			from pg_class c where ${inSchemas('c.relnamespace', schemas)} and c.relkind in ('r', 'p') and not c.relispartition`,
		sequences: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'schema', c.relnamespace::regnamespace::text, 'name', c.relname, 'owner', c.relowner::regrole::text,
				'type', format_type(s.seqtypid, null),
				'ownedBy', (select d.refobjid::regclass::text || '.' || quote_ident(a.attname) from pg_depend d
					join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
					where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')),
				'identity', exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
					and d.deptype = 'i'),
				'grants', ${grantsOf('c.relacl', 's', 'c.relowner')},
				'api', ${apiAccessOf(SEQUENCE_PRIVILEGES, (r, p) => `has_sequence_privilege('${r}', c.oid, '${p}')`)}
			) order by c.relnamespace::regnamespace::text, c.relname), '[]')
			from pg_class c join pg_sequence s on s.seqrelid = c.oid
			where ${inSchemas('c.relnamespace', schemas)} and c.relkind = 'S'`,
		functions: `
			select coalesce(jsonb_agg(jsonb_build_object(
				'schema', p.pronamespace::regnamespace::text, 'name', p.proname,
				'arguments', pg_get_function_arguments(p.oid), 'identityArguments', pg_get_function_identity_arguments(p.oid),
				'result', pg_get_function_result(p.oid), 'language', l.lanname,
				'volatility', case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end,
				'securityDefiner', p.prosecdef, 'strict', p.proisstrict,
				'config', to_jsonb(coalesce(p.proconfig, '{}')), 'owner', p.proowner::regrole::text,
				'grants', ${grantsOf('p.proacl', 'f', 'p.proowner')},
				'api', ${apiAccessOf(['EXECUTE'], (r, p) => `has_function_privilege('${r}', p.oid, '${p}')`)}
			) order by p.pronamespace::regnamespace::text, p.proname, pg_get_function_identity_arguments(p.oid)), '[]')
			from pg_proc p join pg_language l on l.oid = p.prolang
			where ${inSchemas('p.pronamespace', schemas)} and p.prokind = 'f'
				and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
					and d.deptype = 'e')`
	};
}

/** Relations a catalog cannot describe yet; extraction refuses them rather than silently leaving them out. */
async function refuseUnsupported(tx: Queryable, schemas: string[]): Promise<void> {
	const { rows } = await tx.query<{ what: string }>(`
		select format('%s.%s (relkind %s)', c.relnamespace::regnamespace, c.relname, c.relkind) as what
		from pg_class c where ${inSchemas('c.relnamespace', schemas)} and c.relkind not in ('r', 'p', 'S', 'i', 'I', 'c', 't')
		union all
		select format('%s.%s (procedure or aggregate)', p.pronamespace::regnamespace, p.proname)
		from pg_proc p where ${inSchemas('p.pronamespace', schemas)} and p.prokind <> 'f'
		union all
		select 'global default privileges of ' || d.defaclrole::regrole from pg_default_acl d where d.defaclnamespace = 0`);
	if (rows.length > 0) {
		throw new Error(`the catalog format cannot describe: ${rows.map((r) => r.what).join(', ')}`);
	}
}

/** The catalog of the database db is connected to; every schema named must exist there. */
export async function extractCatalog(
	db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
	schemas: string[] = CATALOG_SCHEMAS,
	schemaOnly: string[] = SCHEMA_ONLY
): Promise<Catalog> {
	return db.transaction(async (tx) => {
		// An empty search path makes every name in the output schema-qualified.
		await tx.exec(`set local search_path = ''`);
		const { rows: missing } = await tx.query<{ name: string }>(
			'select name from unnest($1::text[]) as name where to_regnamespace(name) is null',
			[[...schemas, ...schemaOnly]]
		);
		if (missing.length > 0) throw new Error(`no schema ${missing.map((r) => r.name).join(', ')} in this database`);
		await refuseUnsupported(tx, schemas);
		const parts: Record<string, unknown> = {};
		for (const [key, sql] of Object.entries(queries(schemas, schemaOnly))) {
			const { rows } = await tx.query<{ facts: unknown }>(`select (${sql}) as facts`);
			parts[key] = rows[0]?.facts;
		}
		return CatalogSchema.parse(parts);
	});
}
