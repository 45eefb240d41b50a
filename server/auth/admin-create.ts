// POST /admin/users — how an administrator or provisioning script creates
// agent and wall-TV accounts (GoTrue's adminUserCreate): a bcrypt hash of
// cost 10, an `email` identity, app_metadata {provider, providers} merged
// with what was given, and 422 email_exists for a taken address.
import { randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { z } from 'zod';
import { sendJson } from '../http/respond.ts';
import { authError, badRequest } from './errors.ts';
import { parseGoDuration } from './go-duration.ts';
import { isUuid, readJson, type AuthRequest } from './request.ts';
import { NIL_INSTANCE } from './session-store.ts';
import { findUserById, userJson } from './user-rows.ts';

const Metadata = z.record(z.string(), z.unknown()).nullish();
const Params = z.object({
	id: z.string().nullish(),
	aud: z.string().nullish(),
	role: z.string().nullish(),
	email: z.string().nullish(),
	phone: z.string().nullish(),
	password: z.string().nullish(),
	password_hash: z.string().nullish(),
	email_confirm: z.boolean().nullish(),
	phone_confirm: z.boolean().nullish(),
	user_metadata: Metadata,
	app_metadata: Metadata,
	ban_duration: z.string().nullish()
});
type Params = z.infer<typeof Params>;

/** The format check GoTrue's email validation (checkmail) applies. */
const EMAIL =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const BCRYPT_HASH = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/;
/** Roles this server's APIs accept in a token. */
const ROLES = new Set(['authenticated', 'anon', 'service_role']);

const emailExists = () => authError(422, 'email_exists', 'A user with this email address has already been registered');

function validEmail(email: string): string {
	if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
	if (!EMAIL.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
	return email.toLowerCase();
}

/** The hash to store: bcrypt cost 10 as GoTrue, written $2a$ as Go's bcrypt writes it (same algorithm). */
async function passwordHash(p: Params): Promise<string> {
	if (p.password && p.password_hash) {
		throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
	}
	if (p.password_hash) {
		if (!BCRYPT_HASH.test(p.password_hash))
			throw badRequest('validation_failed', 'password_hash must be a bcrypt hash');
		return p.password_hash;
	}
	// No password: a random one nobody knows, as GoTrue does.
	const password = p.password || randomBytes(48).toString('base64url');
	if (Buffer.byteLength(password) > 72) {
		throw badRequest('validation_failed', 'bcrypt: password length exceeds 72 bytes');
	}
	return (await bcrypt.hash(password, 10)).replace(/^\$2b\$/, '$2a$');
}

function appMetadata(given: Record<string, unknown> | null | undefined): Record<string, unknown> {
	const merged: Record<string, unknown> = { provider: 'email', providers: ['email'] };
	for (const [key, value] of Object.entries(given ?? {})) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

function bannedUntil(duration: string | null | undefined): Date | null {
	if (!duration || duration === 'none') return null;
	const ms = parseGoDuration(duration);
	if (ms === undefined) {
		throw badRequest('validation_failed', `invalid format for ban duration: time: invalid duration "${duration}"`);
	}
	return new Date(Date.now() + ms);
}

function isUniqueViolation(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export async function createUser(r: AuthRequest): Promise<void> {
	const p = await readJson(r.req, Params);
	if (!p.email && !p.phone) {
		throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
	}
	if (p.phone) throw authError(422, 'phone_provider_disabled', 'Phone logins are disabled');
	const email = validEmail(p.email ?? '');
	const id = p.id || randomUUID();
	if (!isUuid(id)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
	if (/^[0-]+$/.test(id)) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
	const role = p.role || 'authenticated';
	if (!ROLES.has(role)) throw badRequest('validation_failed', `Role must be one of ${[...ROLES].join(', ')}`);
	const banned = bannedUntil(p.ban_duration);

	const taken = await r.ctx.db.query<{ same_email: boolean }>(
		`select coalesce(lower(email) = $1 and is_sso_user = false, false) as same_email
		from auth.users where (lower(email) = $1 and is_sso_user = false) or id = $2`,
		[email, id]
	);
	if (taken.rows.some((row) => row.same_email)) throw emailExists();
	if (taken.rows.length > 0) throw authError(422, 'user_already_exists', 'User already registered');
	const hash = await passwordHash(p);

	let user;
	try {
		user = await r.ctx.db.transaction(async (tx) => {
			await tx.query(
				`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
					raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at)
				values ($1, $2, $3, $4, $5, $6, case when $7::boolean then now() end, $8::text::jsonb, $9::text::jsonb, $10, now(), now())`,
				[
					NIL_INSTANCE,
					id,
					p.aud || 'authenticated',
					role,
					email,
					hash,
					p.email_confirm === true,
					JSON.stringify(appMetadata(p.app_metadata)),
					JSON.stringify(p.user_metadata ?? {}),
					banned
				]
			);
			const identity = { sub: id, email, email_verified: p.email_confirm === true, phone_verified: false };
			await tx.query(
				`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
				values ($1, $2, $3::text::jsonb, 'email', now(), now(), now())`,
				[id, id, JSON.stringify(identity)]
			);
			return findUserById(tx, id);
		});
	} catch (err) {
		// Another request took the address between the check and the insert.
		if (isUniqueViolation(err)) throw emailExists();
		throw err;
	}
	if (!user) throw new Error(`user ${id} not found after insert`);
	sendJson(r.res, 200, userJson(user));
}
