// /auth/v1: the part of Supabase Auth (GoTrue) that auth-js 2.109 uses for
// email + password accounts — password and refresh-token grants, the current
// user, logout, and admin user management with the service key — behind the
// gateway's API-key check. Self sign-up, OTP, OAuth and MFA are not offered:
// a call center's administrator creates the accounts. Routing and error
// answers live here; the work is in the files each route names.
import type { ApiHandler, ServerContext } from '../context.ts';
import { DbUnavailableError, isDatabaseOutage } from '../db/errors.ts';
import { sendJson } from '../http/respond.ts';
import { adminRoute } from './admin-users.ts';
import { AuthApiError, authError, badRequest, requestTimeout, sendAuthError, unexpectedFailure } from './errors.ts';
import { checkApiKey, GatewayRefusal } from './gateway.ts';
import { LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { passwordGrant } from './password-grant.ts';
import { refreshGrant } from './refresh-grant.ts';
import { requireAdmin } from './bearer.ts';
import type { AuthRequest } from './request.ts';
import { getUser, logout } from './user-routes.ts';

const PREFIX = '/auth/v1';

export interface AuthApiOptions {
	/** Failed sign-in limits (default 10 per e-mail and address, 30 per address, per minute). */
	loginLimits?: Partial<LoginLimits>;
}

/** What GET /settings reports: email sign-in only, no self sign-up. */
const SETTINGS = {
	external: {
		anonymous_users: false,
		apple: false,
		azure: false,
		bitbucket: false,
		discord: false,
		facebook: false,
		figma: false,
		github: false,
		gitlab: false,
		google: false,
		keycloak: false,
		linkedin_oidc: false,
		notion: false,
		slack_oidc: false,
		spotify: false,
		twitch: false,
		twitter: false,
		workos: false,
		zoom: false,
		email: true,
		phone: false
	},
	disable_signup: true,
	mailer_autoconfirm: false,
	phone_autoconfirm: false,
	sms_provider: '',
	saml_enabled: false
};

const HEALTH = {
	version: 'callboard',
	name: 'GoTrue',
	description: 'GoTrue is a user registration and authentication API'
};

const notFound = () => authError(404, 'unknown', 'Not Found: this endpoint is not offered by the single-box server');
const methodNotAllowed = () => authError(405, 'unknown', 'Method Not Allowed');

async function route(r: AuthRequest): Promise<void> {
	const path = r.url.pathname.slice(PREFIX.length).replace(/\/+$/, '') || '/';
	const method = r.req.method ?? 'GET';
	const only = (allowed: string) => {
		if (method !== allowed) throw methodNotAllowed();
	};
	switch (path) {
		case '/health':
			only('GET');
			return sendJson(r.res, 200, HEALTH);
		case '/settings':
			only('GET');
			return sendJson(r.res, 200, SETTINGS);
		case '/token': {
			only('POST');
			const grant = r.url.searchParams.get('grant_type');
			if (grant === 'password') return passwordGrant(r);
			if (grant === 'refresh_token') return refreshGrant(r);
			throw badRequest('invalid_credentials', 'unsupported_grant_type');
		}
		case '/user':
			only('GET');
			return getUser(r);
		case '/logout':
			only('POST');
			return logout(r);
	}
	if (path === '/admin' || path.startsWith('/admin/')) {
		// GoTrue checks the admin credentials for everything under /admin before routing.
		await requireAdmin(r);
		if (await adminRoute(r, path, method)) return;
	}
	throw notFound();
}

export function createAuthApi(ctx: ServerContext, options: AuthApiOptions = {}): ApiHandler {
	const limiter = new LoginLimiter(options.loginLimits);
	return async (req, res, url) => {
		try {
			checkApiKey(req, url, ctx.keys.jwt_secret);
			await route({ ctx, req, res, url, limiter });
		} catch (err) {
			if (err instanceof GatewayRefusal) {
				sendJson(res, err.status, { message: err.message, hint: err.hint });
				return;
			}
			if (err instanceof AuthApiError) {
				sendAuthError(req, res, err);
				return;
			}
			if (isDatabaseOutage(err)) {
				sendAuthError(req, res, requestTimeout(err instanceof DbUnavailableError ? err.retryAfterS : 1));
				return;
			}
			ctx.log(
				`auth: ${req.method ?? ''} ${url.pathname} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
			);
			sendAuthError(req, res, unexpectedFailure());
		}
	};
}
