// auth.users rows and the user object GoTrue returns for them (models/user.go):
// the same fields, the same omissions (empty optional timestamps are left
// out, a missing email or phone reads ''), identities included, and never
// the password hash, which is not even selected here.
import type { Queryable } from '../db/types.ts';

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	phone: string | null;
	phone_confirmed_at: Date | null;
	confirmation_sent_at: Date | null;
	confirmed_at: Date | null;
	recovery_sent_at: Date | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	phone_change: string | null;
	phone_change_sent_at: Date | null;
	reauthentication_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: Date | null;
	updated_at: Date | null;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
	/** jsonb array built in SQL; timestamps inside are strings. */
	identities: IdentityJsonRow[] | null;
}

interface IdentityJsonRow {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown> | null;
	provider: string;
	email: string | null;
	last_sign_in_at: string | null;
	created_at: string | null;
	updated_at: string | null;
}

/** Selects a UserRow from `auth.users u`; append where/order clauses. */
export const SELECT_USER = `select u.id, u.aud, u.role, u.email, u.email_confirmed_at, u.invited_at, u.phone,
	u.phone_confirmed_at, u.confirmation_sent_at, u.confirmed_at, u.recovery_sent_at, u.email_change,
	u.email_change_sent_at, u.phone_change, u.phone_change_sent_at, u.reauthentication_sent_at,
	u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at,
	u.banned_until, u.deleted_at, u.is_anonymous,
	(select jsonb_agg(jsonb_build_object(
		'id', i.id, 'provider_id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
		'provider', i.provider, 'email', i.email, 'last_sign_in_at', i.last_sign_in_at,
		'created_at', i.created_at, 'updated_at', i.updated_at
	) order by i.created_at, i.id) from auth.identities i where i.user_id = u.id) as identities
	from auth.users u`;

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
	const { rows } = await db.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
	return rows[0];
}

export function isBanned(user: { banned_until: Date | null }, now = new Date()): boolean {
	return user.banned_until !== null && user.banned_until > now;
}

/** Go's zero time, which GoTrue prints for a timestamp column that is null. */
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

function iso(value: Date | string | null): string | undefined {
	if (value === null) return undefined;
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Adds `key` only when the value is set, as Go's `omitempty` does. */
function optional(target: Record<string, unknown>, key: string, value: unknown): void {
	if (value !== undefined && value !== null && value !== '') target[key] = value;
}

function identityJson(identity: IdentityJsonRow): Record<string, unknown> {
	const out: Record<string, unknown> = {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id
	};
	optional(out, 'identity_data', identity.identity_data);
	out.provider = identity.provider;
	optional(out, 'last_sign_in_at', iso(identity.last_sign_in_at));
	out.created_at = iso(identity.created_at) ?? GO_ZERO_TIME;
	out.updated_at = iso(identity.updated_at) ?? GO_ZERO_TIME;
	optional(out, 'email', identity.email);
	return out;
}

export function userJson(user: UserRow): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? ''
	};
	optional(out, 'email_confirmed_at', iso(user.email_confirmed_at));
	optional(out, 'invited_at', iso(user.invited_at));
	out.phone = user.phone ?? '';
	optional(out, 'phone_confirmed_at', iso(user.phone_confirmed_at));
	optional(out, 'confirmation_sent_at', iso(user.confirmation_sent_at));
	optional(out, 'confirmed_at', iso(user.confirmed_at));
	optional(out, 'recovery_sent_at', iso(user.recovery_sent_at));
	optional(out, 'new_email', user.email_change);
	optional(out, 'email_change_sent_at', iso(user.email_change_sent_at));
	optional(out, 'new_phone', user.phone_change);
	optional(out, 'phone_change_sent_at', iso(user.phone_change_sent_at));
	optional(out, 'reauthentication_sent_at', iso(user.reauthentication_sent_at));
	optional(out, 'last_sign_in_at', iso(user.last_sign_in_at));
	out.app_metadata = user.raw_app_meta_data ?? {};
	out.user_metadata = user.raw_user_meta_data ?? {};
	out.identities = (user.identities ?? []).map(identityJson);
	out.created_at = iso(user.created_at) ?? GO_ZERO_TIME;
	out.updated_at = iso(user.updated_at) ?? GO_ZERO_TIME;
	optional(out, 'banned_until', iso(user.banned_until));
	optional(out, 'deleted_at', iso(user.deleted_at));
	out.is_anonymous = user.is_anonymous;
	return out;
}
