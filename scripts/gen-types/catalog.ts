// What the generator needs to know about one exposed schema, read from
// pg_catalog. Field meanings follow supabase/postgres-meta, whose TypeScript
// template defines the output shape we reproduce.

export type RelationKind = 'table' | 'view' | 'materialized_view';

export interface Column {
	name: string;
	/** attnum */
	position: number;
	/** Type name, with a domain replaced by its base type (postgres-meta's `format`). */
	format: string;
	nullable: boolean;
	hasDefault: boolean;
	identity: 'always' | 'by_default' | null;
	/** Writable through the relation (always true for tables). */
	updatable: boolean;
}

export interface Relation {
	id: string;
	name: string;
	kind: RelationKind;
	/** Views only: PostgREST can update and delete through it. */
	updatable: boolean;
	columns: Column[];
}

/** One entry of a relation's `Relationships` list, as supabase-js reads it. */
export interface Relationship {
	foreignKeyName: string;
	relation: string;
	columns: string[];
	isOneToOne: boolean;
	referencedSchema: string;
	referencedRelation: string;
	referencedColumns: string[];
}

export interface KeyColumn {
	position: number;
	name: string;
}

/** A foreign key declared on a table of the schema; it may point into another schema. */
export interface ForeignKey {
	name: string;
	relationId: string;
	relation: string;
	columns: KeyColumn[];
	/** The key's columns are exactly a primary key or unique constraint of the table. */
	isOneToOne: boolean;
	referencedRelationId: string;
	referencedSchema: string;
	referencedRelation: string;
	referencedColumns: KeyColumn[];
}

/** Where each column of a view (or materialized view) of the schema comes from. */
export interface ViewSource {
	viewId: string;
	columns: { position: number; originRelationId: string; originColumn: number }[];
}

export interface PgType {
	id: string;
	name: string;
	schema: string;
	/** format_type(oid, null): schema-qualified only when not on the search path. */
	format: string;
	/** pg_class oid of a composite type or a table/view row type. */
	relationId: string | null;
	enums: string[];
	attributes: { name: string; typeId: string }[];
}

export type ArgMode = 'in' | 'out' | 'inout' | 'variadic' | 'table';

export interface FunctionArg {
	mode: ArgMode;
	/** '' when unnamed. */
	name: string;
	typeId: string;
	hasDefault: boolean;
}

export interface PgFunction {
	id: string;
	name: string;
	/** pg_get_function_arguments, e.g. "site uuid, day date DEFAULT now()". */
	argumentTypes: string;
	/** pg_get_function_result, e.g. "SETOF queues". */
	returnType: string;
	returnTypeId: string;
	returnTypeRelationId: string | null;
	isSetReturning: boolean;
	/** Planner's row estimate for set-returning functions, else null. */
	rows: number | null;
	args: FunctionArg[];
}

export interface Catalog {
	schema: string;
	relations: Relation[];
	foreignKeys: ForeignKey[];
	viewSources: ViewSource[];
	functions: PgFunction[];
	/** Every type in the database: type references may point anywhere. */
	types: PgType[];
}
