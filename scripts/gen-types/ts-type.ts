// Postgres type name → TypeScript type, by name as postgres-meta resolves it
// (so a domain argument or an unmapped type becomes `unknown`, as with the CLI).
import type { PgType, Relation } from './catalog';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const STRING_TYPES = new Set([
	'bytea',
	'bpchar',
	'varchar',
	'date',
	'text',
	'citext',
	'time',
	'timetz',
	'timestamp',
	'timestamptz',
	'uuid',
	'vector',
	'interval'
]);

export interface TypeContext {
	schema: string;
	types: PgType[];
	relations: Relation[];
}

export function pgTypeToTs(pgType: string, context: TypeContext): string {
	if (pgType === 'bool') return 'boolean';
	if (NUMBER_TYPES.has(pgType)) return 'number';
	if (STRING_TYPES.has(pgType)) return 'string';
	if (pgType === 'json' || pgType === 'jsonb') return 'Json';
	if (pgType === 'void') return 'undefined';
	if (pgType === 'record') return 'Record<string, unknown>';
	if (pgType.startsWith('_')) return `(${pgTypeToTs(pgType.slice(1), context)})[]`;
	return userTypeToTs(pgType, context);
}

/** Enums, composites and row types: a reference into Database when exposed. */
function userTypeToTs(pgType: string, context: TypeContext): string {
	const { schema } = context;
	const ref = (kind: string, name: string): string =>
		`Database[${JSON.stringify(schema)}][${JSON.stringify(kind)}][${JSON.stringify(name)}]`;

	const enumType = preferSchema(
		context.types.filter((t) => t.name === pgType && t.enums.length > 0),
		schema
	);
	if (enumType) {
		return enumType.schema === schema
			? ref('Enums', enumType.name)
			: enumType.enums.map((label) => JSON.stringify(label)).join(' | ');
	}
	const composite = preferSchema(
		context.types.filter((t) => t.name === pgType && t.attributes.length > 0),
		schema
	);
	if (composite) return composite.schema === schema ? ref('CompositeTypes', composite.name) : 'unknown';

	const relation = context.relations.find((r) => r.name === pgType);
	if (relation) return `${ref(relation.kind === 'table' ? 'Tables' : 'Views', relation.name)}["Row"]`;
	return 'unknown';
}

function preferSchema(types: PgType[], schema: string): PgType | undefined {
	return types.find((t) => t.schema === schema) ?? types[0];
}

/** `unknown` already includes null, so it never gets `| null`. */
export function nullable(tsType: string, isNullable: boolean): string {
	return isNullable && tsType !== 'unknown' ? `${tsType} | null` : tsType;
}
