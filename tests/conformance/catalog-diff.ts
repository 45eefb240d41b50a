// Where the single box's stand-in (server/platform/*.sql) departs from
// Supabase: every auth and realtime object the shim defines that Supabase
// lacks or defines differently. Only what callers can tell apart counts:
// names, types, signatures, defaults, constraints, row-level security and
// what the API roles may do. Owners and grants to Supabase's own admin roles
// are left out, as the single box has no such roles.
import type { Catalog, CatalogFunction, CatalogTable } from './catalog.ts';

export interface Difference {
	/** e.g. `table auth.users`, `function realtime.send(payload jsonb, …)`, `role anon`. */
	object: string;
	/** e.g. `exists`, `column email`, `index users_email_partial_key`, `api access`. */
	aspect: string;
	shim: string;
	supabase: string;
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const sorted = (list: readonly string[]) => [...list].sort();

function compare(out: Difference[], object: string, aspect: string, shim: unknown, supabase: unknown): void {
	if (JSON.stringify(shim) !== JSON.stringify(supabase)) {
		out.push({ object, aspect, shim: show(shim), supabase: show(supabase) });
	}
}

/** The effective API access, in a stable order. */
const api = (access: Catalog['tables'][number]['api']) =>
	Object.fromEntries(Object.entries(access).map(([role, privileges]) => [role, sorted(privileges)]));

function compareTable(out: Difference[], shim: CatalogTable, supabase: CatalogTable): void {
	const object = `table ${shim.schema}.${shim.name}`;
	const theirs = new Map(supabase.columns.map((c) => [c.name, c]));
	for (const column of shim.columns) {
		const other = theirs.get(column.name);
		const { name: _ours, ...ours } = column;
		if (!other) {
			out.push({ object, aspect: `column ${column.name}`, shim: show(ours), supabase: 'absent' });
			continue;
		}
		const { name: _theirs, ...theirs_ } = other;
		compare(out, object, `column ${column.name}`, ours, theirs_);
	}
	const ourColumns = new Set(shim.columns.map((c) => c.name));
	const missing = supabase.columns.filter((c) => !ourColumns.has(c.name)).map((c) => c.name);
	compare(out, object, 'columns only Supabase has', [], missing);

	const constraints = new Map(supabase.constraints.map((c) => [c.name, c.definition]));
	for (const c of shim.constraints)
		compare(out, object, `constraint ${c.name}`, c.definition, constraints.get(c.name) ?? 'absent');
	const indexName = (statement: string) => /INDEX (\S+) ON/.exec(statement)?.[1] ?? statement;
	const indexes = new Map(supabase.indexes.map((i) => [indexName(i), i]));
	for (const i of shim.indexes) compare(out, object, `index ${indexName(i)}`, i, indexes.get(indexName(i)) ?? 'absent');
	const triggerName = (statement: string) => /TRIGGER (\S+) /.exec(statement)?.[1] ?? statement;
	const triggers = new Map(supabase.triggers.map((t) => [triggerName(t), t]));
	for (const t of shim.triggers)
		compare(out, object, `trigger ${triggerName(t)}`, t, triggers.get(triggerName(t)) ?? 'absent');

	compare(out, object, 'partitioned by', shim.partitionKey, supabase.partitionKey);
	compare(out, object, 'row level security', shim.rowLevelSecurity, supabase.rowLevelSecurity);
	compare(out, object, 'forced row level security', shim.forceRowLevelSecurity, supabase.forceRowLevelSecurity);
	compare(out, object, 'api access', api(shim.api), api(supabase.api));
}

const signature = (f: CatalogFunction) => `${f.schema}.${f.name}(${f.identityArguments})`;

function compareFunction(out: Difference[], shim: CatalogFunction, supabase: CatalogFunction): void {
	const object = `function ${signature(shim)}`;
	compare(out, object, 'arguments', shim.arguments, supabase.arguments);
	compare(out, object, 'result', shim.result, supabase.result);
	compare(out, object, 'volatility', shim.volatility, supabase.volatility);
	compare(out, object, 'security definer', shim.securityDefiner, supabase.securityDefiner);
	compare(out, object, 'strict', shim.strict, supabase.strict);
	compare(out, object, 'settings', shim.config, supabase.config);
	compare(out, object, 'api access', api(shim.api), api(supabase.api));
}

/** Differences of everything `shim` defines against `supabase`, in a stable order. */
export function diffCatalogs(shim: Catalog, supabase: Catalog, shimRoles: string[]): Difference[] {
	const out: Difference[] = [];
	const absent = (object: string) => out.push({ object, aspect: 'exists', shim: 'defined', supabase: 'absent' });

	const roles = new Map(supabase.roles.map((r) => [r.name, r]));
	for (const role of shim.roles.filter((r) => shimRoles.includes(r.name))) {
		const other = roles.get(role.name);
		if (!other) {
			absent(`role ${role.name}`);
			continue;
		}
		for (const key of [
			'superuser',
			'inherit',
			'createrole',
			'createdb',
			'login',
			'replication',
			'bypassrls'
		] as const) {
			compare(out, `role ${role.name}`, key, role[key], other[key]);
		}
		const known = new Set(shim.roles.map((r) => r.name));
		// Memberships in Supabase's admin roles cannot exist where those roles do not.
		compare(
			out,
			`role ${role.name}`,
			'member of',
			sorted(role.memberOf),
			sorted(other.memberOf.filter((m) => known.has(m)))
		);
		compare(out, `role ${role.name}`, 'settings', role.settings, other.settings);
	}

	const schemas = new Map(supabase.schemas.map((s) => [s.name, s]));
	for (const schema of shim.schemas) {
		const other = schemas.get(schema.name);
		if (!other) absent(`schema ${schema.name}`);
		else compare(out, `schema ${schema.name}`, 'api access', api(schema.api), api(other.api));
	}

	const defaults = (catalog: Catalog) =>
		new Map(
			catalog.defaultPrivileges.map((d) => [
				`default privileges of ${d.role} in schema ${d.schema} on ${d.objects}`,
				Object.fromEntries(
					['anon', 'authenticated', 'service_role'].map((role) => [role, sorted(d.grants[role] ?? [])])
				)
			])
		);
	const theirDefaults = defaults(supabase);
	for (const [object, grants] of defaults(shim))
		compare(out, object, 'api roles', grants, theirDefaults.get(object) ?? 'absent');

	const extensions = new Map(supabase.extensions.map((e) => [e.name, e.schema]));
	for (const e of shim.extensions)
		compare(out, `extension ${e.name}`, 'schema', e.schema, extensions.get(e.name) ?? 'absent');

	const publications = new Map(supabase.publications.map((p) => [p.name, p]));
	for (const p of shim.publications) {
		const other = publications.get(p.name);
		if (!other) absent(`publication ${p.name}`);
		else compare(out, `publication ${p.name}`, 'tables', p, other);
	}

	const types = new Map(supabase.types.map((t) => [`${t.schema}.${t.name}`, t]));
	for (const t of shim.types) {
		const other = types.get(`${t.schema}.${t.name}`);
		if (!other) absent(`type ${t.schema}.${t.name}`);
		else compare(out, `type ${t.schema}.${t.name}`, 'members', t.members, other.members);
	}

	const tables = new Map(supabase.tables.map((t) => [`${t.schema}.${t.name}`, t]));
	for (const table of shim.tables) {
		const other = tables.get(`${table.schema}.${table.name}`);
		if (!other) absent(`table ${table.schema}.${table.name}`);
		else compareTable(out, table, other);
	}

	const sequences = new Map(supabase.sequences.map((s) => [`${s.schema}.${s.name}`, s]));
	for (const s of shim.sequences) {
		const other = sequences.get(`${s.schema}.${s.name}`);
		const object = `sequence ${s.schema}.${s.name}`;
		if (!other) absent(object);
		else {
			compare(
				out,
				object,
				'type and owner column',
				[s.type, s.ownedBy, s.identity],
				[other.type, other.ownedBy, other.identity]
			);
			compare(out, object, 'api access', api(s.api), api(other.api));
		}
	}

	const functions = new Map(supabase.functions.map((f) => [signature(f), f]));
	for (const fn of shim.functions) {
		const other = functions.get(signature(fn));
		if (other) {
			compareFunction(out, fn, other);
			continue;
		}
		const overloads = supabase.functions.filter((f) => f.schema === fn.schema && f.name === fn.name).map(signature);
		out.push({
			object: `function ${signature(fn)}`,
			aspect: 'exists',
			shim: 'defined',
			supabase: overloads.length > 0 ? `only ${overloads.join(', ')}` : 'absent'
		});
	}
	return out;
}
