// The weekly schedule problem as plain data: what a page (or a test) hands
// to autoSchedule, and what comes back. Times are site-local clock minutes;
// a week runs Monday 00:00 to Sunday 24:00 in 15-minute intervals.

/** Minutes in one interval of the requirement. */
export const INTERVAL_MINUTES = 15;
/** Intervals in a day (96) and in the week (672). */
export const DAY_INTERVALS = 1440 / INTERVAL_MINUTES;
export const WEEK_INTERVALS = 7 * DAY_INTERVALS;

export interface ScheduleAgent {
	id: string;
	/** Queue ids the agent has a skill in. A template needs all of its queues (the SQL rule `skills`). */
	skills: readonly string[];
	/** Dates (yyyy-mm-dd) of approved leave: no shift on them (the SQL rule `leave`). */
	leave?: readonly string[];
	/** Days the supervisor fixed: that template, or rest when templateId is null. Kept even when a rule objects. */
	locked?: readonly { date: string; templateId: string | null }[];
	/**
	 * Site-local end of the agent's last shift before this week ('yyyy-mm-ddTHH:MM'), from the
	 * neighbouring week's current version, for the minimum rest between shifts across the boundary.
	 */
	previousShiftEnd?: string | null;
	/** Site-local start of the agent's first shift after this week, likewise. */
	nextShiftStart?: string | null;
	/**
	 * Extra limits on paid minutes over some of the week's days, e.g. what is left of an averaging
	 * period (综合工时) once the other weeks' shifts are counted. Each applies to the dates listed.
	 */
	paidMinuteCaps?: readonly { dates: readonly string[]; maxPaidMinutes: number }[];
	/** Wishes: a template (or rest, templateId null) on a date; each one not granted costs its weight. */
	preferences?: readonly { date: string; templateId: string | null; weight?: number }[];
}

export interface ScheduleTemplate {
	id: string;
	name?: string;
	/** Site-local start, minutes after midnight (0–1439). */
	startMinute: number;
	/** Site-local end (0–1439); not after the start means the next day (across midnight). */
	endMinute: number;
	/** Paid minutes of one shift (span less unpaid breaks), as shift_templates.paid_min. */
	paidMinutes: number;
	/** Time off the phones (paid or not), minutes after the shift starts: not counted as coverage. */
	breaks?: readonly { startMinute: number; minutes: number }[];
	/** Queues the shift staffs: an agent on it counts for each of them. */
	queueIds: readonly string[];
	/** Dates of the week it may be worked on (its season, active); every day when absent. */
	validDates?: readonly string[];
	/** Counted as a late shift for fairness; by default when it ends after rules.lateEndMinute. */
	late?: boolean;
}

export interface ScheduleRules {
	/** At least this many days without a shift (schedule_policies.min_rest_days_per_week). */
	minRestDaysPerWeek: number;
	/** Paid minutes a day (max_day_paid_min). */
	maxDayPaidMinutes: number;
	/** Paid minutes a week (max_week_paid_min) in a standard week; null under averaged hours (use paidMinuteCaps). */
	maxWeekPaidMinutes: number | null;
	/** Minutes between the end of a shift and the start of the next (min_rest_between_min). */
	minMinutesBetweenShifts: number;
	/** A shift ending after this minute of its first day (default 21:00 = 1260) is late, unless the template says. */
	lateEndMinute?: number;
}

export interface ScheduleWeights {
	/** Per agent-interval (15 min) below the requirement. The heaviest term. */
	underCoverage: number;
	/** Per agent-interval above the requirement. */
	overCoverage: number;
	/** Per late shift that the busiest agent has above the team's mean. */
	lateSpread: number;
	/** Per weekend shift that the busiest agent has above the team's mean. */
	weekendSpread: number;
	/** Multiplies each preference's own weight. */
	preference: number;
}

export const DEFAULT_WEIGHTS: ScheduleWeights = {
	underCoverage: 100,
	overCoverage: 1,
	lateSpread: 20,
	weekendSpread: 20,
	preference: 5
};

export interface ScheduleInput {
	/** The seven dates of the week, Monday first (yyyy-mm-dd). */
	days: readonly string[];
	agents: readonly ScheduleAgent[];
	templates: readonly ScheduleTemplate[];
	/** Per queue, the agents required in each of the week's 672 intervals (index day × 96 + interval). */
	requirements: readonly { queueId: string; agents: readonly number[] }[];
	rules: ScheduleRules;
	weights?: Partial<ScheduleWeights>;
	/** Days (0 = Monday) counted as weekend for fairness; Saturday and Sunday by default. */
	weekendDays?: readonly number[];
}

/** One agent's day: a template, or rest (null). */
export interface ScheduleAssignment {
	agentId: string;
	/** yyyy-mm-dd */
	day: string;
	templateId: string | null;
}

/** Coverage measured against the requirement, summed over queues and intervals. */
export interface CoverageGap {
	agentIntervals: number;
	agentHours: number;
}

/** The parts of the objective of one schedule. */
export interface ScheduleScore {
	objective: number;
	underCoverage: CoverageGap;
	overCoverage: CoverageGap;
	/** Most late / weekend shifts of one agent, and the team's mean. */
	late: { max: number; mean: number };
	weekend: { max: number; mean: number };
	/** Weighted preferences not granted. */
	preferencePenalty: number;
}
