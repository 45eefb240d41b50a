// The demo call center of supabase/seed.sql, as the simulator needs it: fixed
// ids, who takes which queue (the seed's skills rule: Hotline A sales; Hotline
// B sales and after-sales; Customer Service after-sales and complaints;
// Outbound the campaign) and what each queue's callers are like.
import type { QueueDemand } from './profile.ts';

export const DEMO_SITE_ID = '5a000000-0000-4000-8000-000000000001';
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

export const QUEUE = {
	sales: '9e000000-0000-4000-8000-000000000001',
	afterSales: '9e000000-0000-4000-8000-000000000002',
	complaints: '9e000000-0000-4000-8000-000000000003',
	outbound: '9e000000-0000-4000-8000-000000000004'
} as const;

export const TEAM = {
	hotlineA: '7e000000-0000-4000-8000-000000000001',
	hotlineB: '7e000000-0000-4000-8000-000000000002',
	customerService: '7e000000-0000-4000-8000-000000000003',
	outbound: '7e000000-0000-4000-8000-000000000004'
} as const;

export interface RosterAgent {
	id: string;
	teamId: string;
	/** Queues this agent takes (inbound) or dials for (outbound). */
	skills: readonly string[];
	outbound: boolean;
	/** 0–9: position in the team, used to stagger lunches and pick the late shift. */
	seat: number;
}

const TEAM_SKILLS: readonly { teamId: string; skills: readonly string[]; outbound: boolean }[] = [
	{ teamId: TEAM.hotlineA, skills: [QUEUE.sales], outbound: false },
	{ teamId: TEAM.hotlineB, skills: [QUEUE.sales, QUEUE.afterSales], outbound: false },
	{ teamId: TEAM.customerService, skills: [QUEUE.afterSales, QUEUE.complaints], outbound: false },
	{ teamId: TEAM.outbound, skills: [QUEUE.outbound], outbound: true }
];

/** Agents ac…101 – ac…140, ten per team in team order. */
export const DEMO_AGENTS: readonly RosterAgent[] = Array.from({ length: 40 }, (_, i) => {
	const team = TEAM_SKILLS[Math.floor(i / 10)];
	if (!team) throw new Error('unreachable: 40 agents in 4 teams');
	return {
		id: `ac000000-0000-4000-8000-${String(101 + i).padStart(12, '0')}`,
		teamId: team.teamId,
		skills: team.skills,
		outbound: team.outbound,
		seat: i % 10
	};
});

/**
 * Sized so that 30 inbound agents run at roughly 70–80 % occupancy at a
 * weekday peak: queues form at the peaks, not all day. Weekends and holidays
 * are lighter (the hotline, not the show flat: buyers visit then rather than
 * ring), sales least so, since viewings still bring calls.
 */
export const DEMO_DEMAND: readonly QueueDemand[] = [
	{
		queueId: QUEUE.sales,
		label: 'sales',
		peakPerHour: 155,
		weekend: 0.75,
		holiday: 0.45,
		talkMedianS: 210,
		talkSigma: 0.55,
		holdChance: 0.15,
		holdMedianS: 30,
		acwMinS: 20,
		acwMaxS: 45,
		patienceMeanS: 150
	},
	{
		queueId: QUEUE.afterSales,
		label: 'after-sales',
		peakPerHour: 72,
		weekend: 0.6,
		holiday: 0.35,
		talkMedianS: 270,
		talkSigma: 0.55,
		holdChance: 0.3,
		holdMedianS: 45,
		acwMinS: 25,
		acwMaxS: 60,
		patienceMeanS: 170
	},
	{
		queueId: QUEUE.complaints,
		label: 'complaints',
		peakPerHour: 16,
		weekend: 0.55,
		holiday: 0.35,
		talkMedianS: 480,
		talkSigma: 0.5,
		holdChance: 0.4,
		holdMedianS: 60,
		acwMinS: 40,
		acwMaxS: 120,
		patienceMeanS: 200
	}
];
