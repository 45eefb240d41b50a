// The outbound forms' addresses, through the router's own route ids (typed,
// base path applied), with the team and view in the query string.
import { resolve } from '$app/paths';

function withQuery(path: string, query: Record<string, string | null>): string {
	const pairs = Object.entries(query).filter((p): p is [string, string] => p[1] !== null);
	const text = new URLSearchParams(pairs).toString();
	return text ? `${path}?${text}` : path;
}

/** The team ledger of a day, or (week) the week across the center that holds it. */
export const ledgerHref = (day: string, team: string | null, week = false): string =>
	withQuery(resolve('/(app)/outbound/ledger/[[day]]', { day }), { team, view: week ? 'week' : null });

/** One caller's call-effect sheet of a day. */
export const sheetHref = (agent: string, day: string): string =>
	resolve('/(app)/outbound/ledger/sheet/[agent]/[day]', { agent, day });

/** The invitation register of a team for a range of appointment days. */
export const registerHref = (team: string | null, from?: string, to?: string): string =>
	withQuery(resolve('/(app)/outbound/register'), { team, from: from ?? null, to: to ?? null });
