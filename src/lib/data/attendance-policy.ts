// A site's attendance policy versions (rpc('attendance_policy_versions')) and
// the one way to save one (rpc('save_attendance_policy')), both in
// 20261207180000_attendance_policy_editing.sql. The knobs travel as one JSON
// object, the same shape both ways; it is checked here, since the generated
// types only say Json.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

/** What the policy page depends on: invalidated after a save. */
export const POLICY_LOAD = 'app:attendance-policy';

export const SINGLE_PUNCH_STATUSES = ['missing_punch', 'absent', 'half_day'] as const;
export const LATE_LEAVE_CHOICES = ['refuse', 'flag'] as const;
export const CHAIN_ROLES = ['lead', 'supervisor', 'manager'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];

/** A numeric column: JSON number, or text where the API keeps precision. */
const amount = z.pipe(
	z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
	z.transform((v) => Number(v))
);

export const policySchema = z.object({
	check_in_window_min: z.number(),
	check_out_window_min: z.number(),
	grace_min: z.number(),
	late_max_min: z.number(),
	half_day_max_min: z.number(),
	early_grace_min: z.number(),
	early_max_min: z.number(),
	early_half_day_max_min: z.number(),
	min_half_day_worked_min: z.number(),
	min_present_worked_min: z.number(),
	single_punch_status: z.enum(SINGLE_PUNCH_STATUSES),
	deduction_late: amount,
	deduction_early: amount,
	deduction_half_day: amount,
	deduction_absent: amount,
	deduction_missing_punch: amount,
	leave_notice_hours: z.number(),
	late_leave: z.enum(LATE_LEAVE_CHOICES),
	overtime_needs_approval: z.boolean(),
	judge_rest_days: z.boolean(),
	judge_holidays: z.boolean(),
	offline_allowance_s: z.number(),
	appeal_file_days: z.number(),
	appeal_answer_days: z.number(),
	approval_chain: z.array(z.enum(CHAIN_ROLES))
});
export type AttendancePolicy = z.infer<typeof policySchema>;
export type PolicyKnob = keyof AttendancePolicy;
/** Knob values as a form holds them: an emptied number is null, for the database to refuse in words. */
export type PolicyValues = { [K in PolicyKnob]: number | string | boolean | string[] | null };

const versionSchema = z.object({
	id: z.string(),
	version: z.number(),
	effective_from: z.string(),
	in_force: z.boolean(),
	upcoming: z.boolean(),
	policy: policySchema,
	/** Null for the product defaults every site starts with. */
	saved_by_name: z.nullable(z.string()),
	saved_at: z.string()
});
export type PolicyVersion = z.infer<typeof versionSchema>;

/** Every version of the site's policy, latest date first. */
export async function fetchPolicyVersions(client: AppSupabaseClient, siteId: string): Promise<PolicyVersion[]> {
	const { data, error } = await client.rpc('attendance_policy_versions', { site_id: siteId });
	if (error) throw error;
	const parsed = z.array(versionSchema).safeParse(data);
	if (!parsed.success) throw new Error(`attendance policy versions: unexpected answer (${parsed.error.message})`);
	return parsed.data;
}

/**
 * Saves the version taking effect on `effectiveFrom` (yyyy-mm-dd); the same
 * date replaces that version. `policy` may hold values the database will
 * refuse (an empty field is null): it says which, and policyProblem words it.
 */
export async function savePolicy(
	client: AppSupabaseClient,
	siteId: string,
	effectiveFrom: string,
	policy: PolicyValues,
	reason: string
): Promise<{ version: number; effectiveFrom: string }> {
	const { data, error } = await client.rpc('save_attendance_policy', {
		site_id: siteId,
		effective_from: effectiveFrom,
		policy,
		reason: reason.trim() === '' ? undefined : reason.trim()
	});
	if (error) throw error;
	return { version: data.version, effectiveFrom: data.effective_from };
}
