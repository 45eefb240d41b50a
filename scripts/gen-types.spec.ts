import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTypes, HEADER } from './gen-types';
import { FIXTURE_SQL } from './gen-types/fixture-schema';
import { typecheck } from './gen-types/typecheck';

// Outside the repo, so prettier uses its defaults whatever .prettierrc says.
const FIXTURE_OUT = join(tmpdir(), 'gen-types-fixture.types.ts');

/** Whitespace-insensitive, so the snippets below can be indented freely. */
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('generateTypes on a fixture schema', () => {
	let db: PGlite;
	let output = '';

	beforeAll(async () => {
		db = await PGlite.create();
		await db.exec(FIXTURE_SQL);
		output = await generateTypes(db, { filepath: FIXTURE_OUT });
	});
	afterAll(async () => {
		await db.close();
	});

	const expectSnippet = (snippet: string) => {
		expect(squash(output)).toContain(squash(snippet));
	};

	test('opens with the header, Json and the PostgREST version', () => {
		expect(output.startsWith(`${HEADER}\n`)).toBe(true);
		expectSnippet(
			`export type Json = | string | number | boolean | null | { [key: string]: Json | undefined } | Json[];`
		);
		expectSnippet(`__InternalSupabase: { PostgrestVersion: "12"; };`);
	});

	test('Row: every column sorted, nullable ones with | null, enums and arrays resolved', () => {
		expectSnippet(`things: {
			Row: {
				data: Json | null;
				id: number;
				mood: Database["public"]["Enums"]["mood"];
				moods: Database["public"]["Enums"]["mood"][] | null;
				name: string;
				name_length: number | null;
				note: string | null;
				parent_a: number | null;
				parent_b: string | null;
				seen_at: string | null;
				seq: number;
				size: number;
				tags: string[];
			};`);
	});

	test('Insert: defaults, identities and nullable columns optional; identity ALWAYS is never', () => {
		expectSnippet(`Insert: {
				data?: Json | null;
				id?: never;
				mood?: Database["public"]["Enums"]["mood"];
				moods?: Database["public"]["Enums"]["mood"][] | null;
				name: string;
				name_length?: number | null;
				note?: string | null;
				parent_a?: number | null;
				parent_b?: string | null;
				seen_at?: string | null;
				seq?: number;
				size?: number;
				tags?: string[];
			};
			Update: {
				data?: Json | null;
				id?: never;`);
	});

	test('Relationships: composite keys, one-to-one keys, and keys seen through views', () => {
		expectSnippet(`Relationships: [
			{
				foreignKeyName: "things_parent_fk";
				columns: ["parent_a", "parent_b"];
				isOneToOne: false;
				referencedRelation: "parents";
				referencedColumns: ["a", "b"];
			},
		];`);
		expectSnippet(`thing_details: {
			Row: { detail: string | null; thing_id: number; };
			Insert: { detail?: string | null; thing_id: number; };
			Update: { detail?: string | null; thing_id?: number; };
			Relationships: [
				{
					foreignKeyName: "thing_details_thing_id_fkey";
					columns: ["thing_id"];
					isOneToOne: true;
					referencedRelation: "thing_names";
					referencedColumns: ["id"];
				},
				{
					foreignKeyName: "thing_details_thing_id_fkey";
					columns: ["thing_id"];
					isOneToOne: true;
					referencedRelation: "things";
					referencedColumns: ["id"];
				},
			];
		};`);
	});

	test('Views: nullable Row; an updatable view gets Insert/Update with computed columns never', () => {
		expectSnippet(`Views: {
			thing_names: {
				Row: {
					double_size: number | null;
					id: number | null;
					mood: Database["public"]["Enums"]["mood"] | null;
					name: string | null;
				};
				Insert: {
					double_size?: never;
					id?: number | null;
					mood?: Database["public"]["Enums"]["mood"] | null;
					name?: string | null;
				};`);
	});

	test('Functions: named args, defaults optional, sets as arrays, void as undefined', () => {
		expectSnippet(`Functions: {
			count_things: {
				Args: {
					min_size: number;
					wanted?: Database["public"]["Enums"]["mood"];
				};
				Returns: number;
			};`);
		expectSnippet(`thing_stats: {
				Args: never;
				Returns: {
					avg_mood: Database["public"]["Enums"]["mood"];
					biggest: number;
					total: number;
				}[];
			};
			things_between: {
				Args: { hi: number; lo: number };
				Returns: {`);
		expectSnippet(`SetofOptions: { from: "*"; to: "things"; isOneToOne: false; isSetofReturn: true; };
			};
			touch: { Args: never; Returns: undefined };
		};`);
	});

	test('Functions: overloads become a union, sorted by signature', () => {
		expectSnippet(`greet:
			| { Args: { name: string }; Returns: string }
			| { Args: { loud: boolean; name: string }; Returns: string };`);
	});

	test('leaves out trigger functions and functions with unnamed arguments', () => {
		expect(output).not.toContain('on_change');
		expect(output).not.toContain('double_it');
	});

	test('Enums, CompositeTypes and Constants', () => {
		expectSnippet(`Enums: { mood: "sad" | "ok" | "happy"; };
			CompositeTypes: { point2: { x: number | null; y: number | null; }; };`);
		expectSnippet(`export const Constants = {
			public: { Enums: { mood: ["sad", "ok", "happy"], }, },
		} as const;`);
		for (const helper of ['Tables', 'TablesInsert', 'TablesUpdate', 'Enums', 'CompositeTypes']) {
			expect(output).toContain(`export type ${helper}<`);
		}
	});

	test('supabase-js infers queries, rpc calls and embeds from the fixture types', { timeout: 60_000 }, () => {
		// Virtual files inside the repo so that imports resolve to its node_modules.
		const dir = join(import.meta.dirname, 'gen-types');
		const usage = `
			import { createClient } from '@supabase/supabase-js';
			import { expectTypeOf } from 'vitest';
			import type { Database } from './fixture.types';
			export async function use() {
				const client = createClient<Database>('http://localhost', 'key');
				const things = await client.from('things').select('id, tags, thing_details(detail)');
				expectTypeOf(things.data).toEqualTypeOf<
					{ id: number; tags: string[]; thing_details: { detail: string | null } | null }[] | null
				>();
				const names = await client.from('thing_names').select('name');
				expectTypeOf(names.data).toEqualTypeOf<{ name: string | null }[] | null>();
				const count = await client.rpc('count_things', { min_size: 2 });
				expectTypeOf(count.data).toEqualTypeOf<number | null>();
				const stats = await client.rpc('thing_stats');
				expectTypeOf(stats.data).toEqualTypeOf<
					{ avg_mood: 'sad' | 'ok' | 'happy'; biggest: number; total: number }[] | null
				>();
				await client.from('things').insert({ name: 'x' });
				// @ts-expect-error identity ALWAYS columns cannot be written
				await client.from('things').insert({ name: 'x', id: 1 });
				// @ts-expect-error min_size is required
				await client.rpc('count_things', {});
			}`;
		const diagnostics = typecheck([], {
			[join(dir, 'fixture.types.ts')]: output,
			[join(dir, 'fixture-usage.ts')]: usage
		});
		expect(diagnostics).toEqual([]);
	});
});

test(
	'the committed database.types.ts drives supabase-js inference (supabase-client.spec-d.ts)',
	{ timeout: 60_000 },
	() => {
		const file = join(import.meta.dirname, 'gen-types', 'supabase-client.spec-d.ts');
		expect(typecheck([file])).toEqual([]);
	}
);
