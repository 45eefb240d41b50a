// Turns a catalog (./catalog.ts) back into DDL: roles, schemas, types,
// tables with their constraints, indexes and privileges, and every function
// with its exact signature. A catalog has no function bodies, so each
// function gets one that refuses to run (SQLSTATE 0A000, naming it); the few
// that Callboard executes are then replaced from ./supabase-functions.sql.
import type { Catalog, CatalogFunction, CatalogRole, CatalogTable, Grants } from './catalog.ts';

/** Always quoted: a catalog may hold names that are keywords (realtime."cast"). */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const grantee = (name: string) => (name === 'PUBLIC' ? 'public' : ident(name));

/** SQLSTATE of the bodies that refuse to run. */
export const NO_BODY_SQLSTATE = '0A000';

/** Grants exactly these privileges on an object: first what PUBLIC has by default is taken back. */
function grantStatements(object: string, grants: Grants): string[] {
	const statements = [`revoke all on ${object} from public;`];
	for (const [role, privileges] of Object.entries(grants)) {
		for (const privilege of privileges) {
			const [name, option] = privilege.split(' WITH GRANT OPTION');
			statements.push(
				`grant ${name} on ${object} to ${grantee(role)}${option === undefined ? '' : ' with grant option'};`
			);
		}
	}
	return statements;
}

/** `key=value` of pg_db_role_setting or proconfig as a SET clause; list settings keep their own quoting. */
function setClause(setting: string): string {
	const at = setting.indexOf('=');
	const key = setting.slice(0, at);
	const value = setting.slice(at + 1);
	return `set ${key} to ${key === 'search_path' ? value : literal(value)}`;
}

function roleStatements(role: CatalogRole): string[] {
	const flag = (on: boolean, name: string) => (on ? name : `no${name}`);
	const attributes = [
		flag(role.superuser, 'superuser'),
		flag(role.inherit, 'inherit'),
		flag(role.createrole, 'createrole'),
		flag(role.createdb, 'createdb'),
		flag(role.login, 'login'),
		flag(role.replication, 'replication'),
		flag(role.bypassrls, 'bypassrls')
	].join(' ');
	// The role that builds the database keeps its own attributes: PostgreSQL
	// will not take superuser from the bootstrap user, and the migrations run as it.
	return [
		`do $$ begin
			if not exists (select 1 from pg_roles where rolname = ${literal(role.name)}) then
				create role ${ident(role.name)};
			end if;
			if ${literal(role.name)} <> current_user then
				alter role ${ident(role.name)} with ${attributes};
			end if;
		end $$;`,
		...role.settings.map((s) => `alter role ${ident(role.name)} ${setClause(s)};`)
	];
}

function columnDefinition(column: CatalogTable['columns'][number]): string {
	const parts = [ident(column.name), column.type];
	if (column.generated !== null) parts.push(`generated always as (${column.generated}) stored`);
	if (column.default !== null) parts.push(`default ${column.default}`);
	if (column.identity !== null) parts.push(`generated ${column.identity} as identity`);
	if (column.notNull) parts.push('not null');
	return parts.join(' ');
}

function tableStatements(table: CatalogTable): string[] {
	const name = qualified(table.schema, table.name);
	if (table.policies.length > 0) {
		throw new Error(`${name} has policies; a catalog records their names only and cannot rebuild them`);
	}
	return [
		`create table ${name} (\n\t${table.columns.map(columnDefinition).join(',\n\t')}\n)${
			table.partitionKey === null ? '' : ` partition by ${table.partitionKey}`
		};`,
		...table.constraints
			.filter((c) => c.kind !== 'f')
			.map((c) => `alter table ${name} add constraint ${ident(c.name)} ${c.definition};`),
		...table.indexes.map((statement) => `${statement};`),
		...(table.rowLevelSecurity ? [`alter table ${name} enable row level security;`] : []),
		...(table.forceRowLevelSecurity ? [`alter table ${name} force row level security;`] : []),
		`alter table ${name} owner to ${ident(table.owner)};`,
		...grantStatements(`table ${name}`, table.grants)
	];
}

function placeholderFunction(fn: CatalogFunction): string[] {
	const name = qualified(fn.schema, fn.name);
	const signature = `${name}(${fn.identityArguments})`;
	const message = `${fn.schema}.${fn.name}(${fn.identityArguments}) has no body in the conformance database`;
	const hint =
		'Callboard did not execute it when the catalog was made; give it one in tests/conformance/supabase-functions.sql';
	return [
		[
			`create function ${name}(${fn.arguments}) returns ${fn.result}`,
			`language plpgsql ${fn.volatility}${fn.strict ? ' strict' : ''}${fn.securityDefiner ? ' security definer' : ''}`,
			...fn.config.map(setClause),
			`as $body$ begin raise exception using errcode = ${literal(NO_BODY_SQLSTATE)}, message = ${literal(message)}, hint = ${literal(hint)}; end $body$;`
		].join('\n'),
		`alter function ${signature} owner to ${ident(fn.owner)};`,
		...grantStatements(`function ${signature}`, fn.grants)
	];
}

/** Enums first, then composites, each after the composites it is made of. */
function typeStatements(catalog: Catalog): string[] {
	const enums = catalog.types.filter((t) => t.kind === 'enum');
	const pending = catalog.types.filter((t) => t.kind === 'composite');
	const ordered: typeof pending = [];
	while (pending.length > 0) {
		const next = pending.findIndex((t) =>
			pending.every((other) => other === t || !t.members.some((m) => m.includes(`${other.schema}.${other.name}`)))
		);
		if (next < 0)
			throw new Error(`composite types refer to each other in a cycle: ${pending.map((t) => t.name).join(', ')}`);
		ordered.push(...pending.splice(next, 1));
	}
	return [
		...enums.map((t) => `create type ${qualified(t.schema, t.name)} as enum (${t.members.map(literal).join(', ')});`),
		...ordered.map((t) => `create type ${qualified(t.schema, t.name)} as (${t.members.join(', ')});`),
		...catalog.types.map((t) => `alter type ${qualified(t.schema, t.name)} owner to ${ident(t.owner)};`)
	];
}

const PRIVILEGE_OBJECTS = {
	tables: 'tables',
	sequences: 'sequences',
	functions: 'functions',
	types: 'types',
	schemas: 'schemas'
};

/** The DDL for a catalog, in dependency order, as one script for a superuser on an empty database. */
export function catalogDdl(catalog: Catalog): string {
	const sections: string[][] = [];
	sections.push(catalog.roles.flatMap(roleStatements));
	sections.push(catalog.roles.flatMap((r) => r.memberOf.map((group) => `grant ${ident(group)} to ${ident(r.name)};`)));
	sections.push(
		catalog.schemas.flatMap((s) => [
			`create schema if not exists ${ident(s.name)};`,
			`alter schema ${ident(s.name)} owner to ${ident(s.owner)};`,
			...grantStatements(`schema ${ident(s.name)}`, s.grants)
		])
	);
	sections.push(
		catalog.extensions.map((e) => `create extension if not exists ${ident(e.name)} with schema ${ident(e.schema)};`)
	);
	sections.push(typeStatements(catalog));
	// Before the tables: generated columns and checks may call them.
	sections.push(catalog.functions.flatMap(placeholderFunction));
	sections.push(
		catalog.sequences
			.filter((s) => !s.identity)
			.map((s) => `create sequence ${qualified(s.schema, s.name)} as ${s.type};`)
	);
	sections.push(catalog.tables.flatMap(tableStatements));
	sections.push(
		catalog.tables.flatMap((t) =>
			t.constraints
				.filter((c) => c.kind === 'f')
				.map((c) => `alter table ${qualified(t.schema, t.name)} add constraint ${ident(c.name)} ${c.definition};`)
		)
	);
	sections.push(
		catalog.sequences.flatMap((s) => {
			const name = qualified(s.schema, s.name);
			const [schema = '', table = '', column = ''] = (s.ownedBy ?? '').split('.');
			// Identity sequences come with their column; a serial's must have its table's owner before it is linked.
			return [
				...(s.identity ? [] : [`alter sequence ${name} owner to ${ident(s.owner)};`]),
				...(s.ownedBy !== null && !s.identity
					? [`alter sequence ${name} owned by ${qualified(schema, table)}.${ident(column)};`]
					: []),
				...grantStatements(`sequence ${name}`, s.grants)
			];
		})
	);
	sections.push(catalog.tables.flatMap((t) => t.triggers.map((statement) => `${statement};`)));
	sections.push(
		catalog.publications.flatMap((p) => [
			`create publication ${ident(p.name)}${p.allTables ? ' for all tables' : ''};`,
			...p.tables.map((t) => `alter publication ${ident(p.name)} add table ${t};`)
		])
	);
	sections.push(
		catalog.defaultPrivileges.flatMap((d) =>
			Object.entries(d.grants).flatMap(([role, privileges]) =>
				privileges.map((privilege) => {
					const [name, option] = privilege.split(' WITH GRANT OPTION');
					return `alter default privileges for role ${ident(d.role)} in schema ${ident(d.schema)} grant ${name} on ${
						PRIVILEGE_OBJECTS[d.objects]
					} to ${grantee(role)}${option === undefined ? '' : ' with grant option'};`;
				})
			)
		)
	);
	return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** The day partitions realtime creates for realtime.messages around today (UTC), as the service does on connect. */
export function messagePartitionsDdl(partitions: { daysBefore: number; daysAfter: number; owner: string }): string {
	return `do $$
declare
	day date;
begin
	for day in select generate_series(
		(now() at time zone 'utc')::date - ${partitions.daysBefore},
		(now() at time zone 'utc')::date + ${partitions.daysAfter}, interval '1 day')::date
	loop
		execute format('create table if not exists realtime.%I partition of realtime.messages for values from (%L) to (%L)',
			'messages_' || to_char(day, 'YYYY_MM_DD'), day, day + 1);
		execute format('alter table realtime.%I owner to %I', 'messages_' || to_char(day, 'YYYY_MM_DD'), ${literal(partitions.owner)});
	end loop;
end $$;
`;
}
