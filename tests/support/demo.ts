// The demo call center of supabase/seed.sql as tests name it: the site,
// queues, teams and agents (the simulator's own ids, so they are written
// once), every login by role, and the one password. tests/db/demo-seed.spec.ts
// checks all of it against a seeded database, so this cannot drift from the seed.
import { DEMO_AGENTS, DEMO_SITE_ID, DEMO_TIME_ZONE, QUEUE, TEAM } from '../../server/feeders/simulator/demo-site.ts';

export { DEMO_TIME_ZONE, QUEUE, TEAM };
export const DEMO_SITE = DEMO_SITE_ID;
/** Every demo login's password. */
export const DEMO_PASSWORD = 'callboard';

export type DemoRole = 'admin' | 'manager' | 'supervisor' | 'display' | 'kiosk' | 'qa' | 'lead' | 'agent';

export interface DemoLogin {
	email: string;
	/** auth.users id. */
	userId: string;
	/** The login's role at the demo site (public.members). */
	role: DemoRole;
	/** The team a lead leads or an agent works in. */
	team?: string;
}

export interface DemoAgent extends DemoLogin {
	/** public.agents id. */
	agentId: string;
	team: string;
}

/** The seed numbers its users: a0000000-0000-4000-8000-000000000NNN. */
const userId = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const login = (n: number, name: string, role: DemoRole): DemoLogin => ({
	email: `${name}@demo.local`,
	userId: userId(n),
	role
});

/** One login per staff role (qa: the QA specialist), the wall TVs' display account and the entrance kiosk's. */
export const STAFF = {
	admin: login(1, 'admin', 'admin'),
	manager: login(2, 'manager', 'manager'),
	supervisor: login(3, 'supervisor', 'supervisor'),
	display: login(4, 'display', 'display'),
	kiosk: login(5, 'kiosk', 'kiosk'),
	qa: login(6, 'qa', 'qa')
} as const satisfies Record<string, DemoLogin>;

/** Every demo agent's kiosk PIN (supabase/seed.sql, "Kiosk (issue 12)"). */
export const DEMO_KIOSK_PIN = '2580';

/** The seed's team order: lead n leads team n; agents are ten per team. */
const TEAM_ORDER = [TEAM.hotlineA, TEAM.hotlineB, TEAM.customerService, TEAM.outbound];

/** lead1 … lead4: the team leads of Hotline A, Hotline B, Customer Service and Outbound. */
export function demoLead(n: number): DemoLogin & { team: string } {
	const team = Number.isInteger(n) ? TEAM_ORDER[n - 1] : undefined;
	if (!team) throw new RangeError(`the seed has lead1 to lead${TEAM_ORDER.length}, not lead${n}`);
	return { ...login(10 + n, `lead${n}`, 'lead'), team };
}

/** agent01 … agent40: ten per team in team order; 31–40 are the outbound callers. */
export function demoAgent(n: number): DemoAgent {
	const roster = Number.isInteger(n) ? DEMO_AGENTS[n - 1] : undefined;
	if (!roster) throw new RangeError(`the seed has agents 1 to ${DEMO_AGENTS.length}, not ${n}`);
	return { ...login(100 + n, `agent${String(n).padStart(2, '0')}`, 'agent'), agentId: roster.id, team: roster.teamId };
}

/** Every login the seed creates, for checks that want them all. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
	...Object.values(STAFF),
	...[1, 2, 3, 4].map(demoLead),
	...DEMO_AGENTS.map((_, i) => demoAgent(i + 1))
];
