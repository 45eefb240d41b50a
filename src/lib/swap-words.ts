// Shift swaps in the user's language: statuses, history steps, shifts, and
// the refusals the swap functions give by design (SQLSTATE CB020–CB026,
// documented in migration 20261205500000). A refusal the app has no words
// for shows the database's own, with the API's usual reasons first.
import { z } from 'zod';
import { formatDay } from '$lib/calendar-format';
import type { SwapStatus, SwapStep } from '$lib/data/swaps';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { ruleLabel } from '$lib/rota/rules';
import { violationText } from '$lib/rota/violation-words';

const STATUS: Record<SwapStatus, () => string> = {
	proposed: m.swap_status_proposed,
	accepted: m.swap_status_accepted,
	approved: m.swap_status_approved,
	declined: m.swap_status_declined,
	rejected: m.swap_status_rejected,
	cancelled: m.swap_status_cancelled,
	stale: m.swap_status_stale
};

const STEP: Record<SwapStatus, (p: { by: string }) => string> = {
	proposed: m.swap_step_proposed,
	accepted: m.swap_step_accepted,
	approved: m.swap_step_approved,
	declined: m.swap_step_declined,
	rejected: m.swap_step_rejected,
	cancelled: m.swap_step_cancelled,
	stale: m.swap_step_stale
};

export const swapStatusLabel = (status: SwapStatus): string => STATUS[status]();

/** "Accepted by 李芳 · 12月5日 10:13" in the site's time zone. */
export function swapStepText(step: SwapStep, timeZone: string): string {
	const time = new Intl.DateTimeFormat(getLocale(), {
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone
	}).format(new Date(step.at));
	return m.swap_step_at({ step: STEP[step.status]({ by: step.by ?? '—' }), time });
}

const hhmm = (time: string) => time.slice(0, 5);

/** "早班 Early 08:00–16:30" (a template-less shift shows its times only). */
export function swapTimesText(template: string | null, startsAt: string, endsAt: string): string {
	return [template, `${hhmm(startsAt)}–${hhmm(endsAt)}`].filter(Boolean).join(' ');
}

/** "Mon 12/7 早班 Early 08:00–16:30". */
export function swapShiftText(day: string, template: string | null, startsAt: string, endsAt: string): string {
	return `${formatDay(day, { weekday: 'short', month: 'numeric', day: 'numeric' })} ${swapTimesText(template, startsAt, endsAt)}`;
}

/** CB023's DETAIL: which rule, for whom, on which day (null for a rule about the week), and the rule's facts. */
const ruleDetail = z.object({
	rule: z.string(),
	agent: z.string(),
	day: z.string().nullable(),
	facts: z.json().optional()
});

function field(err: unknown, name: 'code' | 'details' | 'message'): string | undefined {
	if (typeof err !== 'object' || err === null || !(name in err)) return undefined;
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : undefined;
}

/** A CB023 refusal worded from its DETAIL: the rule, for whom and when, then why in the facts' words (else the database's). */
function ruleRefusal(err: unknown, own: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(field(err, 'details') ?? '');
	} catch {
		return undefined;
	}
	const detail = ruleDetail.safeParse(parsed);
	if (!detail.success) return undefined;
	const { rule, agent, day, facts } = detail.data;
	const named = day
		? m.swap_error_rule_on({
				rule: ruleLabel(rule),
				agent,
				day: formatDay(day, { weekday: 'short', month: 'numeric', day: 'numeric' })
			})
		: m.swap_error_rule({ rule: ruleLabel(rule), agent });
	// The message is 'the swap would break the rule "…" for <agent>: <why>'.
	const sqlWhy = own.replace(/^.*?: /, '');
	const why = facts === undefined ? sqlWhy : violationText({ rule, day, facts, detail: sqlWhy });
	return `${named} ${m.swap_error_rule_detail({ detail: why })}`;
}

/**
 * Why a swap action was refused, in the user's language. A broken rule is
 * named, with its facts in the user's words (the database's words when it
 * sent none); skills name the queues
 * as the database does.
 */
export function swapErrorText(err: unknown): string {
	const code = field(err, 'code');
	const own = field(err, 'message') ?? '';
	switch (code) {
		case 'CB020':
			return m.swap_error_stale();
		case 'CB021':
			return m.swap_error_started();
		case 'CB022':
			return m.swap_error_skills({ detail: own });
		case 'CB023':
			return ruleRefusal(err, own) ?? own;
		case 'CB024':
			return m.swap_error_step();
		case 'CB025':
			return m.swap_error_open();
		case 'CB026':
			return m.swap_error_works();
		default:
			return errorDetail(err);
	}
}
