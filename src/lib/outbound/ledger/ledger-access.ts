// Who is offered the outbound forms' pages, and which team a page opens on.
// The database decides what each reader gets (20261209600000_outbound_ledger.sql);
// this only keeps people from pages that would refuse them.
import type { OutboundTeam } from '$lib/data/outbound-ledger';
import type { AppRole } from '$lib/shell/nav';

/** The team ledger and the week across the center. */
export const LEDGER_ROLES: readonly AppRole[] = ['lead', 'supervisor', 'manager', 'admin', 'analyst'];
/** The invitation register (its rows follow the register's RLS). */
export const REGISTER_ROLES: readonly AppRole[] = ['lead', 'supervisor', 'manager'];

/** The team asked for, else the reader's own outbound team, else the first. */
export function pickTeam(
	teams: readonly OutboundTeam[],
	asked: string | null,
	ownTeam: string | null
): OutboundTeam | null {
	return teams.find((t) => t.id === asked) ?? teams.find((t) => t.id === ownTeam) ?? teams[0] ?? null;
}
