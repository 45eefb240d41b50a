// Tables and Views sections: Row / Insert / Update / Relationships per relation.
import type { Column, Relation, Relationship } from './catalog';
import { byName } from './sort';
import { nullable, pgTypeToTs, type TypeContext } from './ts-type';

const key = (name: string): string => JSON.stringify(name);

function field(column: Column, optional: boolean, isNullable: boolean, context: TypeContext): string {
	const tsType = nullable(pgTypeToTs(column.format, context), isNullable);
	return `${key(column.name)}${optional ? '?' : ''}: ${tsType}`;
}

function rowFields(relation: Relation, context: TypeContext): string[] {
	return byName(relation.columns).map((c) => field(c, false, c.nullable, context));
}

// As the CLI does: only identity ALWAYS is `never`; a generated (stored)
// column has a default expression, so it is merely optional.
function tableInsertField(column: Column, context: TypeContext): string {
	if (column.identity === 'always') return `${key(column.name)}?: never`;
	const optional = column.nullable || column.identity !== null || column.hasDefault;
	return field(column, optional, column.nullable, context);
}

function tableUpdateField(column: Column, context: TypeContext): string {
	if (column.identity === 'always') return `${key(column.name)}?: never`;
	return field(column, true, column.nullable, context);
}

/** Views know nothing about defaults or NOT NULL: every writable column is optional and nullable. */
function viewWriteField(column: Column, context: TypeContext): string {
	if (!column.updatable) return `${key(column.name)}?: never`;
	return field(column, true, true, context);
}

function renderRelationship(r: Relationship): string {
	return `{
		foreignKeyName: ${key(r.foreignKeyName)}
		columns: ${JSON.stringify(r.columns)}
		isOneToOne: ${String(r.isOneToOne)}
		referencedRelation: ${key(r.referencedRelation)}
		referencedColumns: ${JSON.stringify(r.referencedColumns)}
	}`;
}

function block(name: string, fields: string[]): string {
	return `${name}: {\n${fields.join('\n')}\n}`;
}

export interface RelationExtras {
	/** Computed fields: functions taking this relation's row, shown as extra Row members. */
	computedFields: string[];
	relationships: Relationship[];
}

export function renderTable(table: Relation, extras: RelationExtras, context: TypeContext): string {
	const columns = byName(table.columns);
	return `${key(table.name)}: {
		${block('Row', [...rowFields(table, context), ...extras.computedFields])}
		${block(
			'Insert',
			columns.map((c) => tableInsertField(c, context))
		)}
		${block(
			'Update',
			columns.map((c) => tableUpdateField(c, context))
		)}
		Relationships: [${extras.relationships.map(renderRelationship).join(',\n')}]
	}`;
}

export function renderView(view: Relation, extras: RelationExtras, context: TypeContext): string {
	const columns = byName(view.columns);
	const writes = view.updatable
		? `${block(
				'Insert',
				columns.map((c) => viewWriteField(c, context))
			)}
		${block(
			'Update',
			columns.map((c) => viewWriteField(c, context))
		)}`
		: '';
	return `${key(view.name)}: {
		${block('Row', [...rowFields(view, context), ...extras.computedFields])}
		${writes}
		Relationships: [${extras.relationships.map(renderRelationship).join(',\n')}]
	}`;
}
