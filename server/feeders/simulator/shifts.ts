// One agent's working day on fixed hours: when they log in (most a few
// minutes early, some late), their two short breaks, lunch, the outbound
// team's morning briefing, and when they log out. Hours follow DOMAIN.md:
// call staff 9:00–18:00, outbound callers 9:00–17:00 in winter and
// 9:00–17:30 in summer (May–Sep), five days a week each (worksFixedHours).
// This is the fallback for a day the site has no published schedule for;
// scheduled-shift.ts plans a published shift with the same lateness.
import type { RosterAgent } from './demo-site.ts';
import type { Rng } from './prng.ts';
import { clamp } from './samplers.ts';
import { isoWeekday, type DayKind } from './site-calendar.ts';
import { atLocal, localClock, type SiteDay } from './site-time.ts';

/** 'split': signed out for a split shift's long unpaid gap, back in after it. */
export type AwayState = 'break' | 'lunch' | 'meeting' | 'split';

export interface AwaySpell {
	at: number;
	state: AwayState;
	durationS: number;
	reason?: string;
}

export interface AgentDayPlan {
	loginAt: number;
	logoutAt: number;
	/** In time order. */
	away: AwaySpell[];
}

const H = 60;

export function isSummer(day: SiteDay): boolean {
	const { month } = localClock(day.start, day.timeZone);
	return month >= 5 && month <= 9;
}

/** Local start and end minute of the agent's shift. Two seats per inbound team cover the evening. */
export function shiftHours(agent: RosterAgent, day: SiteDay): { start: number; end: number } {
	if (agent.outbound) return { start: 9 * H, end: isSummer(day) ? 17 * H + 30 : 17 * H };
	if (agent.seat === 4 || agent.seat === 9) return { start: 10 * H, end: 19 * H };
	return { start: 9 * H, end: 18 * H };
}

/** Minutes after the shift's start the agent logs in: most a few minutes early, some late. */
export function loginOffsetMin(rng: Rng): number {
	const roll = rng.next();
	if (roll < 0.07) return rng.between(6, 25); // late beyond the grace time
	if (roll < 0.17) return rng.between(0.5, 5); // late within the grace time
	return clamp(-5 + 2.5 * rng.gaussian(), -15, 0);
}

/** Minutes after the shift's end the agent logs out: mostly a little after, sometimes well after. */
export function logoutOffsetMin(rng: Rng): number {
	return clamp(2 + 3 * rng.gaussian(), -1, 12);
}

export function planAgentDay(agent: RosterAgent, day: SiteDay, rng: Rng): AgentDayPlan {
	const { start, end } = shiftHours(agent, day);
	const late = start > 9 * H;
	const away: { minute: number; state: AwayState; durationS: number; reason?: string }[] = [];
	const shortBreakS = () => Math.round(60 * clamp(15 + 2 * rng.gaussian(), 10, 22));

	if (agent.outbound) {
		// The team lead hands out the day's call lists at a short briefing.
		away.push({ minute: start + 1, state: 'meeting', durationS: rng.int(8, 12) * 60, reason: 'morning briefing' });
	}
	away.push({ minute: start + 90 + rng.between(0, 60), state: 'break', durationS: shortBreakS() });
	const lunchStart = agent.outbound
		? 12 * H + (agent.seat % 2) * 15
		: late
			? 13 * H + (agent.seat % 2) * 15
			: 11 * H + 45 + (agent.seat % 4) * 15;
	away.push({
		minute: lunchStart + clamp(2 * rng.gaussian(), -5, 5),
		state: 'lunch',
		durationS: Math.round(60 * (agent.outbound ? rng.between(55, 60) : rng.between(45, 60)))
	});
	away.push({
		minute: (late ? 16 * H : 15 * H) + rng.between(0, agent.outbound ? 60 : 75),
		state: 'break',
		durationS: shortBreakS()
	});

	return {
		loginAt: atLocal(day, start + loginOffsetMin(rng)),
		logoutAt: atLocal(day, end + logoutOffsetMin(rng)),
		away: away.map(({ minute, ...spell }) => ({ ...spell, at: atLocal(day, minute) }))
	};
}

/**
 * Whether the agent works on fixed hours that day (each works five days a
 * week). Outbound callers work the site's working days, make-up days
 * included, and never on a weekend or holiday. Half of each inbound team
 * (seats 0–4) works Monday to Friday and the working days among the rest;
 * the other half covers weekends and holidays and rests two weekdays, spread
 * over the week by seat, so that staff fall with the traffic.
 */
export function worksFixedHours(agent: RosterAgent, day: SiteDay, kind: DayKind): boolean {
	if (agent.outbound) return kind === 'working';
	if (agent.seat < 5) return kind === 'working';
	if (kind !== 'working') return true;
	// Seats 5–9 rest on Monday and Wednesday, Tuesday and Thursday, … Friday and Tuesday: two of them each weekday.
	const weekday = isoWeekday(day.key); // 6 or 7 only on a make-up working day: then they all work
	const first = ((agent.seat - 5) % 5) + 1;
	return weekday !== first && weekday !== ((first + 1) % 5) + 1;
}
