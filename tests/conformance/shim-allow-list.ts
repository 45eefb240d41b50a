// The ways server/platform/*.sql may knowingly differ from Supabase's auth
// and realtime schemas (see ./catalog-diff.ts), each with its reason. Every
// other difference fails shim-conformance.spec.ts, and so does an entry here
// that no longer matches one, so the list cannot outlive its reasons.
export interface AllowedDifference {
	object: string;
	aspect: string;
	reason: string;
}

const AUTHENTICATOR_SETTINGS =
	'the shim gives authenticator the same statement_timeout as Supabase, but not lock_timeout or the pg-safeupdate ' +
	'preload: those act only on a session that logs in as authenticator, which the single box never opens';

const GOTRUE_EMPTY_STRINGS =
	"the single-box auth server inserts users without this column and, like GoTrue, reads it as a string, so it must be ''; " +
	"on Supabase GoTrue writes '' itself. SQL that also runs on Supabase (supabase/seed.sql) sets it explicitly, " +
	'which 10-seed-users checks on both platforms';

const NOT_PARTITIONED =
	'realtime.messages is one table on the single box, which deletes old rows itself (server/realtime/db-broadcast.ts) ' +
	'instead of dropping day partitions as the realtime service does';

const NOTIFY_FAN_OUT =
	'the single box learns of new broadcast rows by NOTIFY where the realtime service reads the WAL; it delivers ' +
	'only after commit all the same';

export const SHIM_ALLOW_LIST: AllowedDifference[] = [
	{ object: 'role authenticator', aspect: 'settings', reason: AUTHENTICATOR_SETTINGS },
	{
		object: 'role authenticator',
		aspect: 'login',
		reason:
			'the single box never connects as authenticator (PostgREST does, on Supabase); a login role without a ' +
			'password would be an open door on a shared PostgreSQL given as DATABASE_URL'
	},
	{
		object: 'table auth.sessions',
		aspect: 'columns only Supabase has',
		reason: 'MFA (factor_id, aal) and OAuth-server columns: the single-box auth has neither'
	},
	{ object: 'table auth.users', aspect: 'column confirmation_token', reason: GOTRUE_EMPTY_STRINGS },
	{ object: 'table auth.users', aspect: 'column recovery_token', reason: GOTRUE_EMPTY_STRINGS },
	{ object: 'table auth.users', aspect: 'column email_change_token_new', reason: GOTRUE_EMPTY_STRINGS },
	{ object: 'table auth.users', aspect: 'column email_change', reason: GOTRUE_EMPTY_STRINGS },
	{
		object: 'table realtime.messages',
		aspect: 'columns only Supabase has',
		reason:
			'binary_payload is for realtime.send_binary(), binary broadcasts from the database, which the single box does not offer'
	},
	{ object: 'table realtime.messages', aspect: 'partitioned by', reason: NOT_PARTITIONED },
	{
		object: 'table realtime.messages',
		aspect: 'index messages_inserted_at_topic_index',
		reason: `the same index; Supabase's is ON ONLY the partitioned parent. ${NOT_PARTITIONED}`
	},
	{ object: 'table realtime.messages', aspect: 'trigger notify_new_message', reason: NOTIFY_FAN_OUT },
	{ object: 'function realtime.notify_new_message()', aspect: 'exists', reason: NOTIFY_FAN_OUT }
];
