// The floor benchmark's center (bench/floor.ts): a migrated, seeded database
// with `count` more outbound callers on the demo site, 50 to a team, each
// with a login of their own (auth.users without a password: the benchmark
// signs their access tokens with the server's JWT secret, as GoTrue would,
// instead of 1,000 bcrypt sign-ins) and their membership as an agent.
import type { Db } from '../../server/db/types.ts';
import { DEMO_SITE } from '../../tests/support/demo.ts';

export interface FloorAgent {
	agentId: string;
	userId: string;
}

const PER_TEAM = 50;

export async function seedFloor(db: Db, count: number): Promise<FloorAgent[]> {
	await db.query(
		`insert into public.teams (id, site_id, name, kind)
		 select ('7e000000-0000-4000-8000-0000000f' || lpad(t::text, 4, '0'))::uuid, $1, 'Floor team ' || t, 'outbound'
		 from generate_series(1, ceil($2::numeric / $3)::integer) t`,
		[DEMO_SITE, count, PER_TEAM]
	);
	await db.query(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
		   confirmation_token, recovery_token, email_change_token_new, email_change,
		   raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		 select '00000000-0000-0000-0000-000000000000',
		   ('a0000000-0000-4000-8000-00000f' || lpad(i::text, 6, '0'))::uuid, 'authenticated', 'authenticated',
		   'floor' || i || '@bench.local', '', now(), '', '', '', '',
		   '{"provider": "email", "providers": ["email"]}'::jsonb, '{}'::jsonb, now(), now()
		 from generate_series(1, $1::integer) i`,
		[count]
	);
	const { rows } = await db.query<{ agent_id: string; user_id: string }>(
		`insert into public.agents (id, site_id, team_id, display_name, employee_no, user_id)
		 select ('ac000000-0000-4000-8000-00000f' || lpad(i::text, 6, '0'))::uuid, $1,
		   ('7e000000-0000-4000-8000-0000000f' || lpad((1 + (i - 1) / $3)::text, 4, '0'))::uuid,
		   'Floor caller ' || i, 'FL-' || lpad(i::text, 4, '0'),
		   ('a0000000-0000-4000-8000-00000f' || lpad(i::text, 6, '0'))::uuid
		 from generate_series(1, $2::integer) i
		 returning id as agent_id, user_id`,
		[DEMO_SITE, count, PER_TEAM]
	);
	await db.query(
		`insert into public.members (user_id, site_id, team_id, role)
		 select a.user_id, a.site_id, a.team_id, 'agent' from public.agents a where a.employee_no like 'FL-%'`
	);
	return rows.map((r) => ({ agentId: r.agent_id, userId: r.user_id }));
}
