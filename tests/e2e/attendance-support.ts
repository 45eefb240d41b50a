// For the attendance end-to-end tests: the demo seed holds a month of
// punches, today's too for every shift under way when the data was made.
// A test that needs an agent with a clean slate picks one the data shows
// has none in its window, whatever the time of day the suite runs.
import { expect } from '@playwright/test';
import { DEMO_AGENTS } from '../../server/feeders/simulator/demo-site.ts';
import { demoAgent, STAFF, type DemoAgent } from '../support/demo';
import type { WallServer } from './wall-support';

/** Midnight of the Shanghai day `days` from today, as an ISO instant. */
export function shanghaiMidnight(days = 0): string {
	const day = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
	return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/**
 * Demo agents (of one team, or any) with no punch from `from` to `to`, in
 * the seed's order; fails if fewer than `count` are free.
 */
export async function agentsWithoutPunches(
	server: WallServer,
	window: { from: string; to: string },
	count: number,
	team?: string
): Promise<DemoAgent[]> {
	const response = await server.restAs(
		STAFF.supervisor.email,
		`punches?select=agent_id&punched_at=gte.${window.from}&punched_at=lt.${window.to}`,
		{ method: 'GET' }
	);
	expect(response.ok).toBe(true);
	const punched = new Set(((await response.json()) as { agent_id: string }[]).map((p) => p.agent_id));
	const free = DEMO_AGENTS.map((_, i) => demoAgent(i + 1)).filter(
		(a) => !punched.has(a.agentId) && (team === undefined || a.team === team)
	);
	expect(free.length, `agents without a punch from ${window.from} to ${window.to}`).toBeGreaterThanOrEqual(count);
	return free.slice(0, count);
}
