// Type-level test of the committed src/lib/database.types.ts: supabase-js must
// infer these row types from it. Never executed — scripts/gen-types.spec.ts
// compiles it, and `vitest --typecheck` picks it up by its .spec-d.ts name.
import { createClient } from '@supabase/supabase-js';
import { expectTypeOf, test } from 'vitest';
import {
	Constants,
	type Database,
	type Enums,
	type Tables,
	type TablesInsert,
	type TablesUpdate
} from '../../src/lib/database.types';

const client = () => createClient<Database>('http://localhost:8080', 'anon-key');

test('select infers the columns asked for', async () => {
	const { data, error } = await client().from('queues').select('id, name, sl_threshold_s');
	if (error) throw error;
	expectTypeOf(data).toEqualTypeOf<{ id: string; name: string; sl_threshold_s: number }[]>();
});

test('select * is the Row type, enums and nullable columns included', async () => {
	const { data } = await client().from('agent_live').select('*').single();
	expectTypeOf(data).toEqualTypeOf<Tables<'agent_live'> | null>();
	expectTypeOf<Tables<'agent_live'>['state']>().toEqualTypeOf<Enums<'agent_state'>>();
	expectTypeOf<Tables<'agent_live'>['queue_id']>().toEqualTypeOf<string | null>();
	expectTypeOf<Tables<'leads'>['grade']>().toEqualTypeOf<'A' | 'B' | 'C' | 'D' | null>();
});

test('Insert makes defaults optional and identity ALWAYS unwritable', () => {
	expectTypeOf<TablesInsert<'queues'>>().toHaveProperty('name').toEqualTypeOf<string>();
	expectTypeOf<TablesInsert<'queues'>['sl_threshold_s']>().toEqualTypeOf<number | undefined>();
	expectTypeOf<TablesInsert<'call_events'>['id']>().toEqualTypeOf<undefined>();
	expectTypeOf<TablesUpdate<'teams'>['name']>().toEqualTypeOf<string | undefined>();
	// @ts-expect-error a column the table does not have
	void client().from('queues').insert({ name: 'x', site_id: 'y', no_such_column: 1 });
});

test('Constants lists enum labels in declaration order', () => {
	expectTypeOf(Constants.public.Enums.sl_formula).toEqualTypeOf<
		readonly ['answered', 'offered', 'offered_minus_short']
	>();
});
