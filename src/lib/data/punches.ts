// Punches in: the agent's web clock, kiosk PINs and the kiosk's punch. The
// SQL answers jsonb (20261207140000_punches_in.sql); it is parsed here, once,
// into the types the clock card and the kiosk show.
import * as z from 'zod/mini';
import type { Enums, Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

export type PunchDirection = Enums<'punch_direction'>;

const punched = z.object({
	result: z.literal('punched'),
	duplicate: z.boolean(),
	punch: z.object({
		id: z.string(),
		punched_at: z.string(),
		direction: z.nullable(z.enum(['in', 'out'])),
		device_time: z.nullable(z.string()),
		received_at: z.string(),
		needs_review: z.boolean(),
		review_reason: z.nullable(z.string())
	}),
	agent: z.object({ name: z.string(), employee_no: z.string() }),
	shift: z.nullable(
		z.object({
			id: z.string(),
			work_date: z.string(),
			start_ts: z.string(),
			end_ts: z.string(),
			name: z.nullable(z.string())
		})
	),
	day: z.nullable(
		z.object({
			status: z.string(),
			late_min: z.number(),
			early_min: z.number(),
			closed: z.boolean(),
			/** The engine's word on the arrival: on_time, late, late_half_day or late_absent, with the minutes. */
			arrival: z.nullable(z.object({ code: z.string(), minutes: z.number() }))
		})
	)
});

const kioskAnswer = z.union([
	punched,
	z.object({ result: z.literal('wrong_pin'), attempts_left: z.number() }),
	z.object({ result: z.enum(['locked', 'kiosk_locked']), until: z.string() })
]);

export type Punched = z.infer<typeof punched>;
export type KioskAnswer = z.infer<typeof kioskAnswer>;

function parse<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
	const parsed = schema.safeParse(data);
	if (!parsed.success) throw new Error(`${what}: unexpected answer (${parsed.error.message})`);
	return parsed.data;
}

/** The signed-in agent's punch now (the server's time). */
export async function clockPunch(
	client: AppSupabaseClient,
	direction: PunchDirection,
	siteId: string
): Promise<Punched> {
	const { data, error } = await client.rpc('clock_punch', { direction, site_id: siteId });
	if (error) throw error;
	return parse(punched, data, 'clock_punch');
}

export type MyPunch = Pick<Tables<'punches'>, 'id' | 'punched_at' | 'direction' | 'source' | 'needs_review'>;

/** An agent's live punches from `since` on, oldest first. */
export async function fetchPunchesSince(client: AppSupabaseClient, agentId: string, since: string): Promise<MyPunch[]> {
	const { data, error } = await client
		.from('punches')
		.select('id, punched_at, direction, source, needs_review')
		.eq('agent_id', agentId)
		.gte('punched_at', since)
		.is('voided_at', null)
		.order('punched_at');
	if (error) throw error;
	return data;
}

export interface PinStatus {
	setAt: string | null;
	lockedUntil: string | null;
}

/** Whether an agent has a kiosk PIN (never the PIN). */
export async function fetchPinStatus(client: AppSupabaseClient, siteId: string, agentId: string): Promise<PinStatus> {
	const { data, error } = await client.rpc('kiosk_pin_status', { site_id: siteId });
	if (error) throw error;
	const row = data.find((r) => r.agent_id === agentId);
	return { setAt: row?.pin_set_at ?? null, lockedUntil: row?.locked_until ?? null };
}

export interface AgentPinRow {
	id: string;
	name: string;
	employeeNo: string;
	setAt: string | null;
	lockedUntil: string | null;
}

/** The site's agents the caller may read, by employee number, with their PIN status. */
export async function fetchPinStatuses(client: AppSupabaseClient, siteId: string): Promise<AgentPinRow[]> {
	const [agents, statuses] = await Promise.all([
		client
			.from('agents')
			.select('id, display_name, employee_no')
			.eq('site_id', siteId)
			.eq('active', true)
			.order('employee_no'),
		client.rpc('kiosk_pin_status', { site_id: siteId })
	]);
	if (agents.error) throw agents.error;
	if (statuses.error) throw statuses.error;
	const byAgent = new Map(statuses.data.map((s) => [s.agent_id, s]));
	return agents.data
		.filter((a) => byAgent.has(a.id))
		.map((a) => ({
			id: a.id,
			name: a.display_name,
			employeeNo: a.employee_no,
			setAt: byAgent.get(a.id)?.pin_set_at ?? null,
			lockedUntil: byAgent.get(a.id)?.locked_until ?? null
		}));
}

export async function setAgentPin(client: AppSupabaseClient, agentId: string, pin: string): Promise<void> {
	const { error } = await client.rpc('set_agent_pin', { agent_id: agentId, pin });
	if (error) throw error;
}

const kioskSiteSchema = z.object({
	site_id: z.string(),
	name: z.string(),
	time_zone: z.string(),
	locale: z.string(),
	offline_allowance_s: z.number()
});
export type KioskSite = z.infer<typeof kioskSiteSchema>;

/** The kiosk's own site: all a kiosk account may read. */
export async function fetchKioskSite(client: AppSupabaseClient): Promise<KioskSite> {
	const { data, error } = await client.rpc('kiosk_site', {});
	if (error) throw error;
	return parse(kioskSiteSchema, data, 'kiosk_site');
}

export interface KioskPunchInput {
	employeeNo: string;
	pin: string;
	direction: PunchDirection;
	/** The kiosk's id for the punch, so an upload sent twice stores it once. */
	clientId: string;
	/** When it was typed, by the device's clock (ISO). */
	deviceTime: string;
	device: string;
}

/** No answer came at all (the network is down): the kiosk keeps the punch and sends it later. */
export class NoAnswerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NoAnswerError';
	}
}

/**
 * Sends one kiosk punch; `deviceNow` is the device clock at the upload, for
 * the server's clock check. Throws NoAnswerError when nothing answered, the
 * API's error when it refused.
 */
export async function kioskPunch(
	client: AppSupabaseClient,
	input: KioskPunchInput,
	deviceNow: string
): Promise<KioskAnswer> {
	const { data, error, status } = await client.rpc('kiosk_punch', {
		employee_no: input.employeeNo,
		pin: input.pin,
		direction: input.direction,
		client_id: input.clientId,
		device_time: input.deviceTime,
		device_now: deviceNow,
		device: input.device
	});
	// supabase-js turns a fetch that got no response into an error with status 0.
	if (error && status === 0) throw new NoAnswerError(error.message);
	if (error) throw error;
	return parse(kioskAnswer, data, 'kiosk_punch');
}
