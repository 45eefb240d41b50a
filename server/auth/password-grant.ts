// POST /token?grant_type=password — email + password sign-in, checked with
// bcrypt against auth.users.encrypted_password (GoTrue's and pgcrypto's
// $2a$ hashes both verify). Failures are counted by the login limiter;
// every wrong email or password gets the same answer, in about the same time.
import bcrypt from 'bcryptjs';
import { z } from 'zod';
import { sendJson } from '../http/respond.ts';
import { authError, badRequest } from './errors.ts';
import { clientIp, issuer, readJson, userAgent, type AuthRequest } from './request.ts';
import { startSession } from './session-store.ts';
import { sessionJson } from './tokens.ts';
import { findUserById, isBanned } from './user-rows.ts';

const Params = z.object({
	email: z.string().nullish(),
	phone: z.string().nullish(),
	password: z.string().nullish()
});

const INVALID_LOGIN = 'Invalid login credentials';

/** Compared against when there is no hash to check, so an unknown email costs as much as a known one. */
let dummyHash: Promise<string> | undefined;

interface PasswordRow {
	id: string;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	banned_until: Date | null;
}

async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
	if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) {
		dummyHash ??= bcrypt.hash('callboard-dummy-password', 10);
		await bcrypt.compare(password, await dummyHash);
		return false;
	}
	return bcrypt.compare(password, hash);
}

export async function passwordGrant(r: AuthRequest): Promise<void> {
	const params = await readJson(r.req, Params);
	const email = params.email ?? '';
	const phone = params.phone ?? '';
	if (email !== '' && phone !== '') {
		throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
	}
	if (phone !== '') throw authError(422, 'phone_provider_disabled', 'Phone logins are disabled');
	if (email === '') throw badRequest('validation_failed', 'missing email or phone');

	const ip = clientIp(r);
	const waitMs = r.limiter.retryAfterMs(email, ip);
	if (waitMs > 0) {
		const error = authError(429, 'over_request_rate_limit', 'Request rate limit reached');
		error.headers['retry-after'] = String(Math.ceil(waitMs / 1000));
		throw error;
	}

	// Soft-deleted users keep their row but may not sign in.
	const { rows } = await r.ctx.db.query<PasswordRow>(
		`select id, encrypted_password, email_confirmed_at, banned_until from auth.users
		where lower(email) = lower($1) and aud = 'authenticated' and is_sso_user = false and deleted_at is null`,
		[email]
	);
	const found = rows[0];
	if (!(await passwordMatches(params.password ?? '', found?.encrypted_password ?? null)) || !found) {
		r.limiter.recordFailure(email, ip);
		throw badRequest('invalid_credentials', INVALID_LOGIN);
	}
	// GoTrue checks the ban before the password; checking it after tells no one without the password about it.
	if (isBanned(found)) throw badRequest('user_banned', 'User is banned');
	if (found.email_confirmed_at === null) throw badRequest('email_not_confirmed', 'Email not confirmed');

	const body = await r.ctx.db.transaction(async (tx) => {
		const { session, refreshToken } = await startSession(tx, found.id, {
			userAgent: userAgent(r.req),
			ip
		});
		const user = await findUserById(tx, found.id);
		if (!user) throw new Error(`user ${found.id} vanished during sign-in`);
		return sessionJson(user, session, refreshToken, { issuer: issuer(r), secret: r.ctx.keys.jwt_secret });
	});
	sendJson(r.res, 200, body);
}
