// The demo's outbound callers after each call, and their team lead: while
// the simulator dials, public.play_demo_outbound turns its graded calls into
// call log lines, bookings, confirmed visits and deals (the rules and rates
// are in its migration, 20261209110000_demo_outbound_desk.sql). Runs every
// few seconds in small batches, so the weeks of history the backfill pours
// in are caught up without holding the database's single lane for long.
import type { Queryable } from '../../db/types.ts';
import { startPeriodicJob, type PeriodicJobHandle } from '../../jobs/periodic.ts';

/** Calls per run: about a second of work on the embedded database. */
export const DESK_BATCH = 1000;

export async function playDemoOutbound(db: Queryable, siteId: string, batch = DESK_BATCH): Promise<number> {
	const result = await db.query<{ logged: number }>('select public.play_demo_outbound($1, $2) as logged', [
		siteId,
		batch
	]);
	return Number(result.rows[0]?.logged ?? 0);
}

export interface OutboundDeskOptions {
	db: Queryable;
	siteId: string;
	intervalMs?: number;
	log?: (line: string) => void;
}

export function startOutboundDesk(options: OutboundDeskOptions): PeriodicJobHandle {
	return startPeriodicJob({
		run: () => playDemoOutbound(options.db, options.siteId),
		intervalMs: options.intervalMs ?? 5_000,
		// The live floor logs a call or two a run; only catching up is worth a line.
		did: (logged) => (logged >= DESK_BATCH ? `outbound desk: logged ${logged} graded calls of the history` : null),
		what: 'the demo outbound desk',
		log: options.log
	});
}
