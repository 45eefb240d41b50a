// diffCatalogs on the Supabase catalog and altered copies of it: what a
// shim could get wrong is reported, and nothing else.
import { describe, expect, it } from 'vitest';
import { loadSupabaseFixture, type Catalog } from './catalog.ts';
import { diffCatalogs } from './catalog-diff.ts';

const supabase: Catalog = loadSupabaseFixture();
const ROLES = ['anon', 'authenticated', 'service_role'];
const copy = (): Catalog => structuredClone(supabase);

function table(catalog: Catalog, name: string) {
	const found = catalog.tables.find((t) => `${t.schema}.${t.name}` === name);
	if (!found) throw new Error(`no ${name} in the catalog`);
	return found;
}

describe('diffCatalogs', () => {
	it('finds nothing between a catalog and itself', () => {
		expect(diffCatalogs(copy(), supabase, ROLES)).toEqual([]);
	});

	it('reports a column of another type, and one Supabase lacks', () => {
		const shim = copy();
		const users = table(shim, 'auth.users');
		users.columns = users.columns.map((c) => (c.name === 'email' ? { ...c, type: 'text' } : c));
		users.columns.push({
			name: 'nickname',
			type: 'text',
			notNull: false,
			default: null,
			identity: null,
			generated: null
		});
		expect(diffCatalogs(shim, supabase, ROLES).map((d) => [d.object, d.aspect])).toEqual([
			['table auth.users', 'column email'],
			['table auth.users', 'column nickname']
		]);
	});

	it('reports a function whose arguments differ, naming the signature Supabase has', () => {
		const shim = copy();
		const send = shim.functions.find((f) => f.schema === 'realtime' && f.name === 'send');
		if (!send) throw new Error('no realtime.send in the catalog');
		send.identityArguments = 'payload jsonb, event text, topic text';
		send.arguments = send.identityArguments;
		expect(diffCatalogs(shim, supabase, ROLES)).toEqual([
			{
				object: 'function realtime.send(payload jsonb, event text, topic text)',
				aspect: 'exists',
				shim: 'defined',
				supabase: 'only realtime.send(payload jsonb, event text, topic text, private boolean)'
			}
		]);
	});

	it('reports wider API access, row-level security and a missing index', () => {
		const shim = copy();
		const messages = table(shim, 'realtime.messages');
		messages.api.service_role = [...messages.api.service_role, 'DELETE'];
		messages.rowLevelSecurity = false;
		table(shim, 'auth.users').indexes.push('CREATE INDEX users_nickname_idx ON auth.users USING btree (email)');
		expect(diffCatalogs(shim, supabase, ROLES).map((d) => `${d.object} | ${d.aspect}`)).toEqual([
			'table auth.users | index users_nickname_idx',
			'table realtime.messages | row level security',
			'table realtime.messages | api access'
		]);
	});

	it('compares only the roles it is given, and their memberships among roles the shim has', () => {
		const shim = copy();
		shim.roles = shim.roles
			.filter((r) => ['anon', 'authenticator', 'authenticated', 'service_role'].includes(r.name))
			.map((r) => (r.name === 'anon' ? { ...r, inherit: false } : r));
		expect(diffCatalogs(shim, supabase, ['anon', 'authenticator']).map((d) => `${d.object} | ${d.aspect}`)).toEqual([
			'role anon | inherit'
		]);
	});

	it('ignores owners and grants to Supabase-only roles', () => {
		const shim = copy();
		for (const t of shim.tables) {
			t.owner = 'postgres';
			t.grants = {};
		}
		expect(diffCatalogs(shim, supabase, ROLES)).toEqual([]);
	});
});
