// /admin/users for the service key (GoTrue's admin.go): list with GoTrue's
// page/per_page pagination headers, get one, create (admin-create.ts),
// delete (hard, or soft with should_soft_delete).
import { z } from 'zod';
import { sendJson } from '../http/respond.ts';
import { createUser } from './admin-create.ts';
import { authError, badRequest } from './errors.ts';
import { isUuid, readJson, type AuthRequest } from './request.ts';
import { findUserById, SELECT_USER, userJson, type UserRow } from './user-rows.ts';

const DEFAULT_PER_PAGE = 50;
const AUD = 'authenticated';

function pageParam(url: URL, name: string, fallback: number): number {
	const raw = url.searchParams.get(name) ?? '';
	if (raw === '') return fallback;
	if (!/^\d{1,9}$/.test(raw)) {
		throw badRequest(
			'validation_failed',
			`Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": invalid syntax`
		);
	}
	return Number(raw);
}

/** GoTrue's Link header: next (when there is one) and last, on the request's own query with `page` replaced. */
function paginationHeaders(url: URL, page: number, perPage: number, total: number): Record<string, string> {
	const totalPages = Math.ceil(total / perPage);
	const link = (target: number) => {
		const query = new URLSearchParams(url.searchParams);
		query.set('page', String(target));
		query.sort(); // Go's url.Values.Encode sorts by key; auth-js reads `page` as the first parameter
		return `</admin/users?${query.toString()}>`;
	};
	const parts = totalPages > page ? [`${link(page + 1)}; rel="next"`] : [];
	parts.push(`${link(totalPages)}; rel="last"`);
	return { link: parts.join(', '), 'x-total-count': String(total) };
}

async function listUsers(r: AuthRequest): Promise<void> {
	const page = Math.max(1, pageParam(r.url, 'page', 1));
	const perPage = pageParam(r.url, 'per_page', DEFAULT_PER_PAGE);
	if (perPage < 1) throw badRequest('validation_failed', 'Bad Pagination Parameters: per_page must be at least 1');
	const filter = r.url.searchParams.get('filter') ?? '';
	const where = `u.aud = $1${filter ? ` and (u.email ilike $2 or u.raw_user_meta_data ->> 'full_name' ilike $2)` : ''}`;
	const params: unknown[] = filter ? [AUD, `%${filter}%`] : [AUD];
	const count = await r.ctx.db.query<{ total: string }>(
		`select count(*)::text as total from auth.users u where ${where}`,
		params
	);
	const { rows } = await r.ctx.db.query<UserRow>(
		`${SELECT_USER} where ${where} order by u.created_at desc, u.id desc
		limit ${perPage} offset ${(page - 1) * perPage}`,
		params
	);
	const total = Number(count.rows[0]?.total ?? 0);
	sendJson(r.res, 200, { users: rows.map(userJson), aud: AUD }, paginationHeaders(r.url, page, perPage, total));
}

async function loadUser(r: AuthRequest, id: string): Promise<UserRow> {
	if (!isUuid(id)) throw authError(404, 'validation_failed', 'user_id must be an UUID');
	const user = await findUserById(r.ctx.db, id);
	if (!user) throw authError(404, 'user_not_found', 'User not found');
	return user;
}

const DeleteParams = z.object({ should_soft_delete: z.boolean().nullish() });

async function deleteUser(r: AuthRequest, user: UserRow): Promise<void> {
	const { should_soft_delete: soft } = await readJson(r.req, DeleteParams, { optional: true });
	await r.ctx.db.transaction(async (tx) => {
		if (!soft) {
			await tx.query('delete from auth.users where id = $1', [user.id]);
			return;
		}
		if (user.deleted_at !== null) return;
		// The row stays for references; what identified the person goes, and so do the sessions.
		await tx.query(
			`update auth.users set deleted_at = now(), updated_at = now(), email = null, phone = null,
				encrypted_password = '', raw_app_meta_data = '{}', raw_user_meta_data = '{}'
			where id = $1`,
			[user.id]
		);
		await tx.query('delete from auth.identities where user_id = $1', [user.id]);
		await tx.query('delete from auth.sessions where user_id = $1', [user.id]);
	});
	sendJson(r.res, 200, {});
}

function decoded(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Handles `path` under /admin for a caller already checked as admin; false when this server has no such route. */
export async function adminRoute(r: AuthRequest, path: string, method: string): Promise<boolean> {
	const match = /^\/admin\/users(?:\/([^/]+))?$/.exec(path);
	if (!match) return false;
	const id = match[1];
	if (id === undefined) {
		if (method === 'GET') await listUsers(r);
		else if (method === 'POST') await createUser(r);
		else throw authError(405, 'unknown', 'Method Not Allowed');
		return true;
	}
	const user = await loadUser(r, decoded(id));
	if (method === 'GET') sendJson(r.res, 200, userJson(user));
	else if (method === 'DELETE') await deleteUser(r, user);
	else throw authError(405, 'unknown', 'Method Not Allowed');
	return true;
}
