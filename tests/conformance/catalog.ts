// The shape of a schema catalog: facts about roles, schemas, types, tables,
// functions and privileges as PostgreSQL reports them, with no function
// bodies and no comments. supabase-catalog.json holds Supabase's (see
// README.md); extract-catalog.ts reads one from a live database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Privileges per grantee ('PUBLIC' for everyone), e.g. `{ anon: ['SELECT', 'UPDATE WITH GRANT OPTION'] }`. */
const Grants = z.record(z.string(), z.array(z.string()));

/** What the three API roles may effectively do (own grants, PUBLIC's, or inherited). */
const ApiAccess = z.object({
	anon: z.array(z.string()),
	authenticated: z.array(z.string()),
	service_role: z.array(z.string())
});

const Role = z.object({
	name: z.string(),
	superuser: z.boolean(),
	inherit: z.boolean(),
	createrole: z.boolean(),
	createdb: z.boolean(),
	login: z.boolean(),
	replication: z.boolean(),
	bypassrls: z.boolean(),
	memberOf: z.array(z.string()),
	settings: z.array(z.string())
});

const Schema = z.object({
	name: z.string(),
	owner: z.string(),
	grants: Grants,
	api: ApiAccess
});

const DefaultPrivileges = z.object({
	role: z.string(),
	schema: z.string(),
	objects: z.enum(['tables', 'sequences', 'functions', 'types', 'schemas']),
	grants: Grants
});

const Type = z.object({
	schema: z.string(),
	name: z.string(),
	owner: z.string(),
	kind: z.enum(['enum', 'composite']),
	/** Enum labels in order, or composite attributes as `name type`. */
	members: z.array(z.string())
});

const Column = z.object({
	name: z.string(),
	type: z.string(),
	notNull: z.boolean(),
	default: z.string().nullable(),
	identity: z.enum(['always', 'by default']).nullable(),
	/** The expression of a stored generated column (then default is null). */
	generated: z.string().nullable()
});

const Constraint = z.object({ name: z.string(), kind: z.enum(['p', 'u', 'f', 'c', 'x']), definition: z.string() });

const Table = z.object({
	schema: z.string(),
	name: z.string(),
	owner: z.string(),
	/** `RANGE (inserted_at)` for a partitioned table, else null. */
	partitionKey: z.string().nullable(),
	rowLevelSecurity: z.boolean(),
	forceRowLevelSecurity: z.boolean(),
	columns: z.array(Column),
	constraints: z.array(Constraint),
	/** CREATE INDEX statements of indexes that no constraint owns. */
	indexes: z.array(z.string()),
	/** CREATE TRIGGER statements. */
	triggers: z.array(z.string()),
	policies: z.array(z.object({ name: z.string(), command: z.string(), roles: z.array(z.string()) })),
	grants: Grants,
	api: ApiAccess
});

const Sequence = z.object({
	schema: z.string(),
	name: z.string(),
	owner: z.string(),
	type: z.string(),
	/** `schema.table.column` that owns it (serial or identity), or null. */
	ownedBy: z.string().nullable(),
	identity: z.boolean(),
	grants: Grants,
	api: ApiAccess
});

const Func = z.object({
	schema: z.string(),
	name: z.string(),
	/** The argument list as in CREATE FUNCTION, with names and defaults. */
	arguments: z.string(),
	/** The argument types that identify it, as in DROP FUNCTION. */
	identityArguments: z.string(),
	result: z.string(),
	language: z.string(),
	volatility: z.enum(['immutable', 'stable', 'volatile']),
	securityDefiner: z.boolean(),
	strict: z.boolean(),
	config: z.array(z.string()),
	owner: z.string(),
	grants: Grants,
	api: ApiAccess
});

const Source = z.object({
	repository: z.string(),
	tag: z.string(),
	commit: z.string().regex(/^[0-9a-f]{40}$/),
	used: z.array(z.string())
});

export const CatalogSchema = z.object({
	roles: z.array(Role),
	schemas: z.array(Schema),
	defaultPrivileges: z.array(DefaultPrivileges),
	extensions: z.array(z.object({ name: z.string(), schema: z.string() })),
	publications: z.array(z.object({ name: z.string(), allTables: z.boolean(), tables: z.array(z.string()) })),
	types: z.array(Type),
	tables: z.array(Table),
	sequences: z.array(Sequence),
	functions: z.array(Func)
});

/** Facts that are not in a catalog: where they came from, and what the services do at run time. */
export const FixtureSchema = CatalogSchema.extend({
	postgresMajor: z.number().int(),
	sources: z.array(Source),
	/**
	 * supabase/realtime creates the day partitions of realtime.messages when a
	 * tenant connects (from daysBefore days ago to daysAfter days ahead, UTC,
	 * named messages_YYYY_MM_DD, owned by owner); its migrations create none.
	 */
	realtimeMessagePartitions: z.object({ daysBefore: z.number().int(), daysAfter: z.number().int(), owner: z.string() })
});

export type Catalog = z.infer<typeof CatalogSchema>;
export type Fixture = z.infer<typeof FixtureSchema>;
export type CatalogTable = Catalog['tables'][number];
export type CatalogFunction = Catalog['functions'][number];
export type CatalogRole = Catalog['roles'][number];
export type Grants = z.infer<typeof Grants>;

export const FIXTURE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'supabase-catalog.json');

/** The committed Supabase catalog, checked against the schema above. */
export function loadSupabaseFixture(file = FIXTURE_FILE): Fixture {
	const parsed = FixtureSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
	if (!parsed.success) throw new Error(`${file} is not a valid catalog: ${z.prettifyError(parsed.error)}`);
	return parsed.data;
}

/** The schemas whose objects a catalog describes in full; of `public` and `extensions` only the schema and its defaults. */
export const CATALOG_SCHEMAS = ['auth', 'realtime'];
export const SCHEMA_ONLY = ['extensions', 'public'];
