// The ids tests name the demo site by (tests/support/demo.ts) and the
// simulator's roster they come from (server/feeders/simulator/demo-site.ts)
// are the seed's: every queue, team, login and agent is there with the role,
// team and skills the module says, and the module leaves none of them out.
// A change to supabase/seed.sql that the module does not follow fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENTS, DEMO_DEMAND } from '../../server/feeders/simulator/demo-site';
import {
	DEMO_LOGINS,
	DEMO_PASSWORD,
	DEMO_SITE,
	DEMO_TIME_ZONE,
	demoAgent,
	demoLead,
	QUEUE,
	TEAM
} from '../support/demo';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.stop();
});

async function rows<T extends object>(sql: string, params: unknown[] = [DEMO_SITE]): Promise<T[]> {
	return (await database.db.query<T>(sql, params)).rows;
}

/** The demo site's rows of `sql` ($1 is the site) are `named` and no others, in any order. */
async function expectSeeded<T extends Record<K, string>, K extends string>(sql: string, key: K, named: T[]) {
	const byKey = (a: T, b: T) => a[key].localeCompare(b[key]);
	expect((await rows<T>(sql)).sort(byKey)).toEqual([...named].sort(byKey));
}

describe('the demo module names what the seed made', () => {
	it('the site and its time zone', async () => {
		await expectSeeded('select id::text, time_zone from public.sites where id = $1', 'id', [
			{ id: DEMO_SITE, time_zone: DEMO_TIME_ZONE }
		]);
	});

	it('every queue, inbound and outbound', async () => {
		await expectSeeded('select id::text, direction::text from public.queues where site_id = $1', 'id', [
			{ id: QUEUE.sales, direction: 'inbound' },
			{ id: QUEUE.afterSales, direction: 'inbound' },
			{ id: QUEUE.complaints, direction: 'inbound' },
			{ id: QUEUE.outbound, direction: 'outbound' }
		]);
	});

	it('every team', async () => {
		await expectSeeded('select id::text, kind::text from public.teams where site_id = $1', 'id', [
			{ id: TEAM.hotlineA, kind: 'inbound' },
			{ id: TEAM.hotlineB, kind: 'inbound' },
			{ id: TEAM.customerService, kind: 'inbound' },
			{ id: TEAM.outbound, kind: 'outbound' }
		]);
	});

	it('every login with its e-mail, role and team', async () => {
		expect(DEMO_LOGINS).toHaveLength(50);
		await expectSeeded(
			`select u.id::text as "userId", u.email, m.role::text as role, m.team_id::text as team
			from auth.users u join public.members m on m.user_id = u.id and m.site_id = $1`,
			'userId',
			// Staff belong to the whole site; a lead leads a team, an agent works in one.
			DEMO_LOGINS.map(({ userId, email, role, team }) => ({ userId, email, role, team: team ?? null }))
		);
	});

	it('the demo password signs every login in', async () => {
		const refused = await rows<{ email: string }>(
			`select email from auth.users
			where email = any($1::text[]) and encrypted_password is distinct from extensions.crypt($2, encrypted_password)`,
			[DEMO_LOGINS.map((l) => l.email), DEMO_PASSWORD]
		);
		expect(refused).toEqual([]);
	});

	it('every agent: its user, team and employee number', async () => {
		await expectSeeded(
			`select id::text as "agentId", user_id::text as "userId", team_id::text as team, employee_no
			from public.agents where site_id = $1`,
			'agentId',
			DEMO_AGENTS.map((_, i) => {
				const { agentId, userId, team } = demoAgent(i + 1);
				return { agentId, userId, team, employee_no: `E${String(i + 1).padStart(3, '0')}` };
			})
		);
	});

	it('refuses numbers the seed does not have', () => {
		expect(() => demoAgent(41)).toThrow(/agents 1 to 40, not 41/);
		expect(() => demoAgent(0)).toThrow(RangeError);
		expect(() => demoLead(5)).toThrow(/lead1 to lead4, not lead5/);
	});
});

describe("the simulator's roster is the seed's", () => {
	it("every agent's skills, and which agents dial out", async () => {
		const seeded = await rows<{ agent_id: string; queue_id: string }>(
			'select agent_id::text, queue_id::text from public.agent_skills where site_id = $1'
		);
		const skills = new Map<string, string[]>();
		for (const { agent_id, queue_id } of seeded) skills.set(agent_id, [...(skills.get(agent_id) ?? []), queue_id]);
		const outbound = await rows<{ id: string }>(
			`select a.id::text from public.agents a join public.teams t on t.id = a.team_id
			where a.site_id = $1 and t.kind = 'outbound'`
		);
		for (const agent of DEMO_AGENTS) {
			expect([...(skills.get(agent.id) ?? [])].sort(), agent.id).toEqual([...agent.skills].sort());
			expect(agent.outbound, agent.id).toBe(outbound.some((a) => a.id === agent.id));
		}
		expect(skills.size).toBe(DEMO_AGENTS.length);
	});

	it('simulates inbound calls on every inbound queue of the seed', async () => {
		const inbound = await rows<{ id: string }>(
			"select id::text from public.queues where site_id = $1 and direction = 'inbound'"
		);
		expect(DEMO_DEMAND.map((d) => d.queueId).sort()).toEqual(inbound.map((q) => q.id).sort());
	});
});
