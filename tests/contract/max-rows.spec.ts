// The row cap of REST reads, Supabase's "Max rows" API setting (PostgREST's
// db-max-rows, 1,000 by default): a read of a table, a view or a function's
// rows returns at most that many, Content-Range names the rows returned and
// an exact count still counts them all (206 when it is more); writes that
// return their rows are not cut. The real supabase-js against a probe table
// of 1,500 rows, on both engines.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../support/node-client.ts';
import { STAFF } from '../support/demo.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';

/** The part of the schema these specs add, typed as supabase-js expects. */
interface ProbeDatabase {
	public: {
		Tables: {
			row_cap_probe: {
				Row: { n: number };
				Insert: { n: number };
				Update: { n?: number };
				Relationships: [];
			};
		};
		Views: Record<string, never>;
		Functions: {
			probe_numbers: { Args: Record<string, never>; Returns: number[] };
			probe_rows: { Args: Record<string, never>; Returns: { n: number }[] };
		};
		Enums: Record<string, never>;
		CompositeTypes: Record<string, never>;
	};
}

const PROBE_SQL = `
	create table public.row_cap_probe (n integer primary key);
	alter table public.row_cap_probe enable row level security;
	create policy "signed-in users can read the probe" on public.row_cap_probe for select to authenticated using (true);
	create policy "signed-in users can add to the probe" on public.row_cap_probe for insert to authenticated with check (true);
	grant select, insert on public.row_cap_probe to authenticated;
	insert into public.row_cap_probe select generate_series(1, 1500);
	create function public.probe_numbers() returns setof integer language sql stable
		as $$ select generate_series(1, 1500) $$;
	create function public.probe_rows() returns setof public.row_cap_probe language sql stable
		as $$ select * from public.row_cap_probe order by n $$;
	grant execute on function public.probe_numbers(), public.probe_rows() to authenticated;`;

describe.each(ENGINES)('max rows on %s', (engine) => {
	let server: TestApi;
	let probe: SupabaseClient<ProbeDatabase>;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
		await server.db.exec(PROBE_SQL);
		probe = nodeClient<ProbeDatabase>(server.url, server.keys.anon_key, {
			headers: { Authorization: `Bearer ${server.token(STAFF.supervisor.userId)}` }
		});
	});
	afterAll(async () => {
		await server?.close();
	});

	it('cuts a table read at 1,000 rows, says so in Content-Range, and still counts them all', async () => {
		const all = await probe.from('row_cap_probe').select('n').order('n');
		expect(all.error).toBeNull();
		expect(all.status).toBe(200);
		expect(all.data).toHaveLength(1000);
		expect(all.data?.at(-1)).toEqual({ n: 1000 });

		const counted = await probe.from('row_cap_probe').select('n', { count: 'exact' }).order('n');
		expect(counted.data).toHaveLength(1000);
		expect(counted.count).toBe(1500);
		expect(counted.status).toBe(206);

		const tail = await probe.from('row_cap_probe').select('n', { count: 'exact' }).order('n').range(1200, 2000);
		expect(tail.data).toHaveLength(300);
		expect(tail.data?.[0]).toEqual({ n: 1201 });
		expect(tail.count).toBe(1500);

		const few = await probe.from('row_cap_probe').select('n').order('n').limit(10);
		expect(few.data).toHaveLength(10);
		const head = await probe.from('row_cap_probe').select('*', { count: 'exact', head: true });
		expect(head.count).toBe(1500);

		const raw = await fetch(`${server.url}/rest/v1/row_cap_probe?select=n&order=n`, {
			headers: {
				apikey: server.keys.anon_key,
				authorization: `Bearer ${server.token(STAFF.supervisor.userId)}`
			}
		});
		expect(raw.headers.get('content-range')).toBe('0-999/*');
		expect(((await raw.json()) as unknown[]).length).toBe(1000);
	});

	it('cuts the rows of a function the same way', async () => {
		const numbers = await probe.rpc('probe_numbers');
		expect(numbers.error).toBeNull();
		expect(numbers.data).toHaveLength(1000);
		const rows = await probe.rpc('probe_rows', {}, { count: 'exact' });
		expect(rows.error).toBeNull();
		expect(rows.data).toHaveLength(1000);
		expect(rows.count).toBe(1500);
	});

	it('does not cut what a write returns', async () => {
		const added = Array.from({ length: 1001 }, (_, i) => ({ n: 2001 + i }));
		const inserted = await probe.from('row_cap_probe').insert(added).select('n');
		expect(inserted.error).toBeNull();
		expect(inserted.data).toHaveLength(1001);
	});
});
