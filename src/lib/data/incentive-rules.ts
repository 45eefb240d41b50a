// The site's incentive and penalty rules (public.incentive_rules): every
// version of every rule, and a new version added by a manager or admin.
// The table's triggers check the parameters (CB104, CB120); RLS decides who
// may read and add.
import * as z from 'zod/mini';
import type { AppSupabaseClient } from '$lib/supabase';

/** A parameter is a number or a list of numbers (the quarterly tiers). */
const paramValue = z.union([z.number(), z.array(z.number())]);
const ruleRow = z.object({
	id: z.string(),
	rule: z.string(),
	effective_from: z.string(),
	params: z.record(z.string(), paramValue),
	note: z.nullable(z.string()),
	made_at: z.string()
});
export type RuleVersion = z.infer<typeof ruleRow>;
export type RuleParams = RuleVersion['params'];

/** Every version of the site's rules, by rule, newest version first. */
export async function fetchRuleVersions(client: AppSupabaseClient, siteId: string): Promise<RuleVersion[]> {
	const { data, error } = await client
		.from('incentive_rules')
		.select('id, rule, effective_from, params, note, made_at')
		.eq('site_id', siteId)
		.order('rule')
		.order('effective_from', { ascending: false });
	if (error) throw error;
	return z.array(ruleRow).parse(data);
}

export interface NewRuleVersion {
	siteId: string;
	rule: string;
	effectiveFrom: string;
	params: RuleParams;
	note: string | null;
}

export async function addRuleVersion(client: AppSupabaseClient, version: NewRuleVersion): Promise<void> {
	const { error } = await client.from('incentive_rules').insert({
		site_id: version.siteId,
		rule: version.rule,
		effective_from: version.effectiveFrom,
		params: version.params,
		note: version.note
	});
	if (error) throw error;
}
