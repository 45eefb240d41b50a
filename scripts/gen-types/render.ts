// Catalog → the text of database.types.ts (unformatted; prettier lays it out).
import type { Catalog, PgType, Relation, Relationship } from './catalog';
import { helperTypes } from './helper-types';
import { relationships as allRelationships } from './relationships';
import { renderTable, renderView } from './render-relations';
import { callableFunctions, computedFields, renderFunctions, type Callable } from './render-functions';
import { byName } from './sort';
import { nullable, pgTypeToTs, type TypeContext } from './ts-type';

export interface RenderOptions {
	/** Comment placed above the generated code. */
	header: string;
	/**
	 * Goes to `__InternalSupabase.PostgrestVersion`; supabase-js enables
	 * PostgREST 13+ features (maxAffected, spread on to-many) when it starts with 13 or 14.
	 */
	postgrestVersion: string;
}

const JSON_TYPE = `export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]`;

const key = (name: string): string => JSON.stringify(name);
const EMPTY = '[_ in never]: never';

function section(name: string, members: string[]): string {
	return `${name}: {\n${members.length === 0 ? EMPTY : members.join(',\n')}\n}`;
}

function relationshipsOf(relation: Relation, relationships: Relationship[]): Relationship[] {
	return relationships.filter((r) => r.relation === relation.name);
}

function renderRelations(
	catalog: Catalog,
	callables: Callable[],
	context: TypeContext
): { tables: string[]; views: string[] } {
	const relationships = allRelationships(catalog.schema, catalog.relations, catalog.foreignKeys, catalog.viewSources);
	const extras = (relation: Relation) => ({
		computedFields: computedFields(relation.name, callables, context),
		relationships: relationshipsOf(relation, relationships)
	});
	const relations = byName(catalog.relations);
	return {
		tables: relations.filter((r) => r.kind === 'table').map((r) => renderTable(r, extras(r), context)),
		views: relations.filter((r) => r.kind !== 'table').map((r) => renderView(r, extras(r), context))
	};
}

function schemaEnums(catalog: Catalog): PgType[] {
	return byName(catalog.types.filter((t) => t.schema === catalog.schema && t.enums.length > 0));
}

function renderEnums(catalog: Catalog): string[] {
	return schemaEnums(catalog).map((t) => `${key(t.name)}: ${t.enums.map((label) => key(label)).join(' | ')}`);
}

/** Attributes keep their declared order (postgres-meta does); each may be null. */
function renderCompositeTypes(catalog: Catalog, context: TypeContext): string[] {
	const typesById = new Map(catalog.types.map((t) => [t.id, t]));
	const composites = byName(catalog.types.filter((t) => t.schema === catalog.schema && t.attributes.length > 0));
	return composites.map((t) => {
		const fields = t.attributes.map(({ name, typeId }) => {
			const attributeType = typesById.get(typeId);
			const tsType = attributeType ? nullable(pgTypeToTs(attributeType.name, context), true) : 'unknown';
			return `${key(name)}: ${tsType}`;
		});
		return `${key(t.name)}: {\n${fields.join('\n')}\n}`;
	});
}

function renderConstants(catalog: Catalog): string {
	const enums = schemaEnums(catalog).map((t) => `${key(t.name)}: [${t.enums.map((label) => key(label)).join(', ')}]`);
	return `export const Constants = {
		${key(catalog.schema)}: {
			Enums: {\n${enums.join(',\n')}\n}
		}
	} as const`;
}

export function render(catalog: Catalog, options: RenderOptions): string {
	const context: TypeContext = {
		schema: catalog.schema,
		types: catalog.types,
		relations: catalog.relations
	};
	const callables = callableFunctions(catalog.functions, context);
	const { tables, views } = renderRelations(catalog, callables, context);
	return `${options.header}

${JSON_TYPE}

export type Database = {
	// Allows to automatically instantiate createClient with right options
	// instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
	__InternalSupabase: {
		PostgrestVersion: ${key(options.postgrestVersion)}
	}
	${key(catalog.schema)}: {
		${section('Tables', tables)}
		${section('Views', views)}
		${section('Functions', renderFunctions(callables, context))}
		${section('Enums', renderEnums(catalog))}
		${section('CompositeTypes', renderCompositeTypes(catalog, context))}
	}
}
${helperTypes(catalog.schema)}
${renderConstants(catalog)}
`;
}
