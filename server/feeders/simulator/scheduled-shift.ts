// One published shift as the simulated agent works it: logs in around its
// start (the same lateness as on fixed hours, shifts.ts), takes its breaks at
// their offsets with a little jitter — paid ones as 'break', unpaid ones as
// 'lunch', and a gap of two hours or more (a split shift's middle) signed out
// —, now and then comes back late from one, and logs out around its end. The
// plan depends only on the seed and the shift, so the day a night shift
// starts and the day after plan it the same way.
import type { RosterAgent } from './demo-site.ts';
import { createRng } from './prng.ts';
import type { ScheduledShift } from './published-schedule.ts';
import { clamp } from './samplers.ts';
import { loginOffsetMin, logoutOffsetMin, type AgentDayPlan, type AwaySpell } from './shifts.ts';

/** An unpaid break at least this long is a split shift's gap: the agent signs out. */
export const SPLIT_GAP_MIN = 120;

const MINUTE = 60_000;

/** A label for the shift, unique per agent, that the desk keeps its requests apart by. */
export const shiftLabel = (shift: ScheduledShift): string => `${shift.agentId}@${shift.start}`;

export function planScheduledShift(agent: RosterAgent, shift: ScheduledShift, seed: number | string): AgentDayPlan {
	const rng = createRng(`${seed}:shift:${shiftLabel(shift)}`);
	const at = (minutes: number) => shift.start + Math.round(minutes * MINUTE);
	const away: AwaySpell[] = [];
	if (agent.outbound) {
		// The team lead hands out the day's call lists at a short briefing.
		away.push({ at: at(1), state: 'meeting', durationS: rng.int(8, 12) * 60, reason: 'morning briefing' });
	}
	for (const b of shift.breaks) {
		// Minutes off the scheduled start, either way; the end is judged apart from it.
		const offset = clamp(1.5 * rng.gaussian(), -3, 3);
		// Mostly back on time or a minute or two late; one break in twenty runs long.
		const over = clamp(0.5 + 1.2 * rng.gaussian(), -2, 4) + (rng.chance(0.05) ? rng.between(6, 15) : 0);
		away.push({
			at: at(b.startMin + offset),
			state: b.paid ? 'break' : b.minutes >= SPLIT_GAP_MIN ? 'split' : 'lunch',
			durationS: Math.round(60 * Math.max(1, b.minutes - offset + over))
		});
	}
	return {
		loginAt: at(loginOffsetMin(rng)),
		logoutAt: shift.end + Math.round(logoutOffsetMin(rng) * MINUTE),
		away: away.sort((a, b) => a.at - b.at)
	};
}
