// The deadline of a REST request, set the way PostgREST sets it: the
// statement_timeout of the role the request impersonates (Supabase ships
// anon 3 s and authenticated 8 s, by `alter role … set statement_timeout`),
// applied to that request's transaction only. A role without one
// (service_role) keeps the database's default — on Supabase the
// authenticator role's 8 s. CALLBOARD_STATEMENT_TIMEOUT replaces them all.
//
// Read once per API instance, like PostgREST reads role settings with its
// schema cache: a changed role setting applies after a restart.
import { parseDuration } from '../db/duration.ts';
import type { Db } from '../db/types.ts';

const ROLE_TIMEOUTS_SQL = `
select r.rolname as role, split_part(c.setting, '=', 2) as value
from pg_catalog.pg_db_role_setting s
join pg_catalog.pg_roles r on r.oid = s.setrole
cross join lateral unnest(s.setconfig) as c (setting)
where s.setdatabase in (0, (select d.oid from pg_catalog.pg_database d where d.datname = current_database()))
	and split_part(c.setting, '=', 1) = 'statement_timeout'
order by s.setdatabase`;

export interface Deadlines {
	/** Milliseconds each statement of a request made as `role` may run (0: no deadline). */
	forRole(role: string): Promise<number>;
}

export function createDeadlines(db: Db, override: number | undefined): Deadlines {
	let loaded: Promise<Map<string, number>> | undefined;
	const load = async (): Promise<Map<string, number>> => {
		const { rows } = await db.query<{ role: string; value: string }>(ROLE_TIMEOUTS_SQL);
		const timeouts = new Map<string, number>();
		// Ordered database-wide first, so a setting for this database wins.
		for (const row of rows) {
			const ms = parseDuration(row.value);
			if (ms !== undefined) timeouts.set(row.role, ms);
		}
		return timeouts;
	};
	return {
		async forRole(role) {
			if (override !== undefined) return override;
			if (!loaded) {
				const loading = load();
				loaded = loading;
				// A failed read is tried again by the next request, not remembered.
				loading.catch(() => {
					if (loaded === loading) loaded = undefined;
				});
			}
			const timeouts = await loaded;
			return timeouts.get(role) ?? timeouts.get('authenticator') ?? db.statementTimeoutMs;
		}
	};
}
