// Leave, outing and overtime requests (migration 20261207120000): filing,
// deciding along the policy's approval chain, cancelling, leave balances.
// Every rule is the database's; these are its RPCs, typed, throwing on error.
import { z } from 'zod';
import type { Database, Enums } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

type Functions = Database['public']['Functions'];
// The generated types call every returned column non-null; these are null
// for requests that are not leave, not decided or not waiting.
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
type RequestRow = Nullable<
	Functions['attendance_request_list']['Returns'][number],
	'leave_type' | 'reason' | 'decided_at' | 'leave_minutes' | 'waiting_role' | 'team_name'
>;

export type RequestKind = Enums<'attendance_request_kind'>;
export type RequestStatus = Enums<'attendance_request_status'>;
export type LeaveType = z.infer<typeof leaveTypeSchema>;

export const leaveTypeSchema = z.enum([
	'annual',
	'sick',
	'personal',
	'compensatory',
	'visit_half_day',
	'marriage',
	'maternity',
	'bereavement',
	'other'
]);
export const LEAVE_TYPES = leaveTypeSchema.options;

/** One step of a request as attendance_request_list gives it (a JSON column, so checked here). */
const stepSchema = z.object({
	action: z.enum(['filed', 'approved', 'rejected', 'cancelled', 'commented']),
	as_role: z.string().nullable(),
	comment: z.string().nullable(),
	made_at: z.string(),
	made_by: z.string().nullable()
});
export type RequestStep = z.infer<typeof stepSchema>;
export type AttendanceRequest = Omit<RequestRow, 'steps'> & { steps: RequestStep[] };

export interface LeaveBalance {
	leave_type: LeaveType;
	balance_min: number;
	granted_min: number;
	taken_min: number;
	pending_min: number;
}

/** The site's requests the caller reads: pending ones always, others filed or ending since `since`. */
export async function fetchRequests(
	client: AppSupabaseClient,
	siteId: string,
	since: string
): Promise<AttendanceRequest[]> {
	const { data, error } = await client.rpc('attendance_request_list', { site_id: siteId, since });
	if (error) throw error;
	return (data as RequestRow[]).map((row) => ({ ...row, steps: z.array(stepSchema).parse(row.steps) }));
}

export interface NewRequest {
	kind: RequestKind;
	leaveType: LeaveType | null;
	startsAt: string;
	endsAt: string;
	reason: string;
	/** Staff filing for an agent; omitted: the caller's own. */
	agentId?: string;
}

export async function fileRequest(client: AppSupabaseClient, request: NewRequest): Promise<void> {
	const { error } = await client.rpc('file_attendance_request', {
		kind: request.kind,
		// The SQL takes null for an outing or overtime; the generated type says string.
		leave_type: request.leaveType as string,
		starts_at: request.startsAt,
		ends_at: request.endsAt,
		...(request.reason.trim() ? { reason: request.reason.trim() } : {}),
		...(request.agentId ? { agent_id: request.agentId } : {})
	});
	if (error) throw error;
}

export async function decideRequest(
	client: AppSupabaseClient,
	requestId: string,
	approve: boolean,
	comment: string
): Promise<void> {
	const { error } = await client.rpc('decide_attendance_request', {
		request_id: requestId,
		approve,
		...(comment.trim() ? { comment: comment.trim() } : {})
	});
	if (error) throw error;
}

export async function cancelRequest(client: AppSupabaseClient, requestId: string, reason: string): Promise<void> {
	const { error } = await client.rpc('cancel_attendance_request', {
		request_id: requestId,
		...(reason.trim() ? { reason: reason.trim() } : {})
	});
	if (error) throw error;
}

export async function fetchBalances(client: AppSupabaseClient, agentId: string): Promise<LeaveBalance[]> {
	const { data, error } = await client.rpc('leave_balances', { agent_id: agentId });
	if (error) throw error;
	return data.map((row) => ({ ...row, leave_type: leaveTypeSchema.parse(row.leave_type) }));
}

/** How many requests wait for the caller's decision (the navigation badge). */
export async function fetchWaitingCount(client: AppSupabaseClient, siteId: string): Promise<number> {
	const { data, error } = await client.rpc('attendance_requests_waiting', { site_id: siteId });
	if (error) throw error;
	return data;
}
