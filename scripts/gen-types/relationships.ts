// Relationships as PostgREST's schema cache sees them: every foreign key of a
// table, plus the same key seen through views that expose all of its columns
// (view → table, table → view and view → view).
import type { ForeignKey, KeyColumn, Relation, Relationship, ViewSource } from './catalog';
import { compareNames } from './sort';

type ColumnKey = `${string}:${string}`;
const columnKey = (relationId: string, position: number): ColumnKey => `${relationId}:${String(position)}`;

/** For each view: table column → the view columns that show it (through nested views too). */
function viewColumnOrigins(views: Relation[], sources: ViewSource[]): Map<string, Map<ColumnKey, string[]>> {
	const direct = new Map<ColumnKey, ColumnKey>();
	for (const source of sources) {
		for (const c of source.columns) {
			direct.set(columnKey(source.viewId, c.position), columnKey(c.originRelationId, c.originColumn));
		}
	}
	const result = new Map<string, Map<ColumnKey, string[]>>();
	for (const view of views) {
		const origins = new Map<ColumnKey, string[]>();
		for (const column of [...view.columns].sort((a, b) => a.position - b.position)) {
			for (const origin of originChain(direct, columnKey(view.id, column.position))) {
				origins.set(origin, [...(origins.get(origin) ?? []), column.name]);
			}
		}
		result.set(view.id, origins);
	}
	return result;
}

/** Every column a view column passes through, stopping at tables and at cycles. */
function originChain(direct: Map<ColumnKey, ColumnKey>, start: ColumnKey): ColumnKey[] {
	const chain: ColumnKey[] = [];
	let next = direct.get(start);
	while (next !== undefined && !chain.includes(next)) {
		chain.push(next);
		next = direct.get(next);
	}
	return chain;
}

/** Every way a view can show all key columns (one list per combination of aliases). */
function keyThroughView(origins: Map<ColumnKey, string[]>, relationId: string, key: KeyColumn[]): string[][] {
	const options = key.map((c) => origins.get(columnKey(relationId, c.position)) ?? []);
	if (options.some((o) => o.length === 0)) return [];
	return options.reduce<string[][]>((combos, o) => combos.flatMap((combo) => o.map((name) => [...combo, name])), [[]]);
}

interface Exposure {
	view: Relation;
	columns: string[];
}

function exposures(
	views: Relation[],
	origins: Map<string, Map<ColumnKey, string[]>>,
	relationId: string,
	key: KeyColumn[]
): Exposure[] {
	return views.flatMap((view) =>
		keyThroughView(origins.get(view.id) ?? new Map<ColumnKey, string[]>(), relationId, key).map((columns) => ({
			view,
			columns
		}))
	);
}

function relationshipsOfKey(
	fk: ForeignKey,
	schema: string,
	views: Relation[],
	origins: Map<string, Map<ColumnKey, string[]>>
): Relationship[] {
	const base: Relationship = {
		foreignKeyName: fk.name,
		relation: fk.relation,
		columns: fk.columns.map((c) => c.name),
		isOneToOne: fk.isOneToOne,
		referencedSchema: fk.referencedSchema,
		referencedRelation: fk.referencedRelation,
		referencedColumns: fk.referencedColumns.map((c) => c.name)
	};
	const fromViews = exposures(views, origins, fk.relationId, fk.columns);
	const toViews = exposures(views, origins, fk.referencedRelationId, fk.referencedColumns);
	const toView = (to: Exposure) => ({
		referencedSchema: schema,
		referencedRelation: to.view.name,
		referencedColumns: to.columns
	});
	return [
		base,
		...fromViews.map((from) => ({ ...base, relation: from.view.name, columns: from.columns })),
		...toViews.map((to) => ({ ...base, ...toView(to) })),
		...fromViews.flatMap((from) =>
			toViews.map((to) => ({
				...base,
				relation: from.view.name,
				columns: from.columns,
				...toView(to)
			}))
		)
	];
}

/** All relationships whose both ends are in `schema`, in the CLI's order. */
export function relationships(
	schema: string,
	relations: Relation[],
	foreignKeys: ForeignKey[],
	viewSources: ViewSource[]
): Relationship[] {
	const views = relations.filter((r) => r.kind !== 'table');
	const origins = viewColumnOrigins(views, viewSources);
	return foreignKeys
		.flatMap((fk) => relationshipsOfKey(fk, schema, views, origins))
		.filter((r) => r.referencedSchema === schema)
		.sort(
			(a, b) =>
				compareNames(a.foreignKeyName, b.foreignKeyName) ||
				compareNames(a.referencedRelation, b.referencedRelation) ||
				compareNames(JSON.stringify(a.referencedColumns), JSON.stringify(b.referencedColumns))
		);
}
