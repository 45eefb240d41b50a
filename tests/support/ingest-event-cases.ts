// Events the zod schema and the database must judge alike: one valid event of
// every kind, and variations at each limit. server/events/schema.spec.ts runs them through
// zod, tests/db/ingest-validation.spec.ts through ingest_events. The ids are
// the demo seed's, so the valid ones also pass the database's reference checks.
// A few events only the database can refuse, because the rule needs its clock
// and the site's settings (an event stamped too far in the future): zod finds
// nothing wrong with them (`valid: true`) and `serverRefuses` says why the
// database does — each side is held to its own verdict, no agreement faked.
import type { IngestEvent, IngestEventKind } from '../../server/events/schema.ts';
import { DEMO_SITE, demoAgent, QUEUE } from './demo.ts';

const AGENT = demoAgent(1).agentId;
/** agent31, an outbound caller. */
const CALLER = demoAgent(31).agentId;

const at = '2026-11-23T09:00:00+08:00';
const inbound = { site_id: DEMO_SITE, call_id: 'C-1', queue_id: QUEUE.sales, at };
const outbound = { site_id: DEMO_SITE, call_id: 'O-1', queue_id: QUEUE.outbound, agent_id: CALLER, at };

export const validEvents: { [K in IngestEventKind]: Extract<IngestEvent, { kind: K }> } = {
	call_offered: { event_id: 'case-offered', kind: 'call_offered', ...inbound },
	call_answered: { event_id: 'case-answered', kind: 'call_answered', ...inbound, agent_id: AGENT },
	call_abandoned: { event_id: 'case-abandoned', kind: 'call_abandoned', ...inbound },
	call_timed_out: { event_id: 'case-timed-out', kind: 'call_timed_out', ...inbound },
	call_ended: { event_id: 'case-ended', kind: 'call_ended', ...inbound, agent_id: AGENT, talk_s: 95, hold_s: 0 },
	wrap_ended: { event_id: 'case-wrap', kind: 'wrap_ended', ...inbound, agent_id: AGENT },
	call_transferred: {
		event_id: 'case-transferred',
		kind: 'call_transferred',
		...inbound,
		agent_id: AGENT,
		to_queue_id: QUEUE.afterSales
	},
	agent_state: {
		event_id: 'case-state',
		kind: 'agent_state',
		site_id: DEMO_SITE,
		agent_id: AGENT,
		state: 'break',
		reason: '午休',
		queue_id: QUEUE.sales,
		at
	},
	call_dialed: { event_id: 'case-dialed', kind: 'call_dialed', ...outbound },
	call_connected: { event_id: 'case-connected', kind: 'call_connected', ...outbound },
	call_graded: { event_id: 'case-graded', kind: 'call_graded', ...outbound, grade: 'A' }
};

export interface EventCase {
	name: string;
	event: unknown;
	/** The schema's verdict, and the database's unless serverRefuses is set. */
	valid: boolean;
	/** Why the database refuses an event the schema cannot fault (its clock, a site setting). */
	serverRefuses?: string;
}

/** The demo site's future_event_allowance_s (the column's default). */
export const FUTURE_ALLOWANCE_S = 300;

/** ISO time (UTC, whole seconds) `seconds` from the moment the cases are made. */
function fromNow(seconds: number): string {
	return new Date(Math.floor(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

const offered = validEvents.call_offered;
const ended = validEvents.call_ended;
const state = validEvents.agent_state;

function without<T extends object>(event: T, field: keyof T): Partial<T> {
	const copy: Partial<T> = { ...event };
	delete copy[field];
	return copy;
}

const emoji = '\u{1F4DE}'; // one character, two UTF-16 units

export const eventCases: EventCase[] = [
	...Object.values(validEvents).map((event) => ({ name: `a valid ${event.kind}`, event, valid: true })),
	{ name: 'optional fields left out', event: { ...without(state, 'reason'), queue_id: undefined }, valid: true },
	{ name: 'optional fields given as null', event: { ...state, reason: null, queue_id: null }, valid: true },
	{
		name: 'a transfer without to_queue_id',
		event: without(validEvents.call_transferred, 'to_queue_id'),
		valid: true
	},
	{ name: 'an event_id of 200 characters', event: { ...offered, event_id: 'x'.repeat(200) }, valid: true },
	{ name: 'an event_id of 200 two-unit characters', event: { ...offered, event_id: emoji.repeat(200) }, valid: true },
	{ name: 'an event_id of 201 characters', event: { ...offered, event_id: 'x'.repeat(201) }, valid: false },
	{ name: 'an empty event_id', event: { ...offered, event_id: '' }, valid: false },
	{ name: 'a numeric event_id', event: { ...offered, event_id: 7 }, valid: false },
	{ name: 'no event_id', event: without(offered, 'event_id'), valid: false },
	{ name: 'an unknown kind', event: { ...offered, kind: 'call_offred' }, valid: false },
	{ name: 'no kind', event: without(offered, 'kind'), valid: false },
	{ name: 'a camelCase field', event: { ...without(offered, 'queue_id'), queueId: QUEUE.sales }, valid: false },
	{ name: 'a field of another kind', event: { ...offered, talk_s: 3 }, valid: false },
	{ name: 'a site_id that is not a UUID', event: { ...offered, site_id: 'demo' }, valid: false },
	{ name: 'an upper-case UUID', event: { ...offered, queue_id: QUEUE.sales.toUpperCase() }, valid: true },
	{ name: 'a UUID without dashes', event: { ...offered, queue_id: QUEUE.sales.replaceAll('-', '') }, valid: false },
	{ name: 'a call_id of 201 characters', event: { ...offered, call_id: 'c'.repeat(201) }, valid: false },
	{ name: 'a null call_id', event: { ...offered, call_id: null }, valid: false },
	{ name: 'no agent_id on an answer', event: without(validEvents.call_answered, 'agent_id'), valid: false },
	{ name: 'an agent_id on a timeout', event: { ...validEvents.call_timed_out, agent_id: AGENT }, valid: false },
	{ name: 'no call_id on a timeout', event: without(validEvents.call_timed_out, 'call_id'), valid: false },
	{
		name: 'a timeout on an outbound campaign',
		event: { ...validEvents.call_timed_out, queue_id: QUEUE.outbound },
		valid: true,
		serverRefuses: 'the queue is an outbound campaign, and only the database knows'
	},
	{ name: 'at in UTC with milliseconds', event: { ...offered, at: '2026-11-23T01:00:00.123Z' }, valid: true },
	{ name: 'at with microseconds', event: { ...offered, at: '2026-11-23T01:00:00.123456Z' }, valid: true },
	{ name: 'at without a zone', event: { ...offered, at: '2026-11-23T09:00:00' }, valid: false },
	{ name: 'at without seconds', event: { ...offered, at: '2026-11-23T09:00+08:00' }, valid: false },
	{ name: 'at with a space for T', event: { ...offered, at: '2026-11-23 09:00:00+08:00' }, valid: false },
	{ name: 'at as epoch seconds', event: { ...offered, at: 1795395600 }, valid: false },
	{ name: 'at on 30 February', event: { ...offered, at: '2026-02-30T09:00:00Z' }, valid: false },
	{ name: 'at on 29 February of a leap year', event: { ...offered, at: '2024-02-29T09:00:00Z' }, valid: true },
	{ name: 'at in 1999', event: { ...offered, at: '1999-12-31T23:59:59Z' }, valid: false },
	{ name: 'at in the year 0', event: { ...offered, at: '0000-01-01T00:00:00Z' }, valid: false },
	{ name: 'at in 2100', event: { ...offered, at: '2100-01-01T00:00:00Z' }, valid: false },
	{ name: 'at as the word now', event: { ...offered, at: 'now' }, valid: false },
	// A minute of slack either way keeps these clear of the allowance while a slow test runs.
	{ name: 'at a minute from now', event: { ...offered, at: fromNow(60) }, valid: true },
	{
		name: 'at in 2099',
		event: { ...offered, at: '2099-01-01T00:00:00Z' },
		valid: true,
		serverRefuses: 'more than the site allows ahead of the server clock'
	},
	{
		name: 'at just past the allowance',
		event: { ...offered, at: fromNow(FUTURE_ALLOWANCE_S + 60) },
		valid: true,
		serverRefuses: 'more than the site allows ahead of the server clock'
	},
	{
		name: 'a future agent state',
		event: { ...state, at: fromNow(3600) },
		valid: true,
		serverRefuses: 'more than the site allows ahead of the server clock'
	},
	{ name: 'talk_s of 86400', event: { ...ended, talk_s: 86400 }, valid: true },
	{ name: 'talk_s of 86401', event: { ...ended, talk_s: 86401 }, valid: false },
	{ name: 'a negative hold_s', event: { ...ended, hold_s: -1 }, valid: false },
	{ name: 'a fractional talk_s', event: { ...ended, talk_s: 1.5 }, valid: false },
	{ name: 'talk_s as a string', event: { ...ended, talk_s: '95' }, valid: false },
	{ name: 'no hold_s', event: without(ended, 'hold_s'), valid: false },
	{ name: 'an unknown state', event: { ...state, state: 'sleeping' }, valid: false },
	{ name: 'an empty reason', event: { ...state, reason: '' }, valid: true },
	{ name: 'a reason of 200 two-unit characters', event: { ...state, reason: emoji.repeat(200) }, valid: true },
	{ name: 'a reason of 201 characters', event: { ...state, reason: 'r'.repeat(201) }, valid: false },
	{ name: 'grade E', event: { ...validEvents.call_graded, grade: 'E' }, valid: false },
	{ name: 'a lower-case grade', event: { ...validEvents.call_graded, grade: 'a' }, valid: false },
	{ name: 'a string instead of an event', event: 'call_offered', valid: false },
	{ name: 'an array instead of an event', event: [offered], valid: false },
	{ name: 'null instead of an event', event: null, valid: false }
];
