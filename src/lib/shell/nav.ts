// What each app role may use, as navigation. The database decides what a
// role may read or change (RLS); this only keeps people from being offered
// pages that would refuse them. One table, so the top bar, the home redirect
// and the pages' own "not for your role" checks agree.
import { resolve } from '$app/paths';
import type { Enums } from '$lib/database.types';

export type AppRole = Enums<'app_role'>;

export type NavId =
	| 'today'
	| 'schedules'
	| 'attendance'
	| 'wallboards'
	| 'settings'
	| 'members'
	| 'my-day'
	| 'my-schedule'
	| 'my-attendance'
	| 'my-requests'
	| 'my-calls'
	| 'my-statement'
	| 'outbound'
	| 'qa';

export interface NavItem {
	id: NavId;
	/** The pathname the link opens. */
	path: string;
}

// outboundOnly: the outbound manual's pages, offered to agents of an outbound team only.
const ITEMS: readonly (NavItem & { roles: readonly AppRole[]; outboundOnly?: true })[] = [
	{ id: 'my-day', path: '/me', roles: ['agent'] },
	{ id: 'my-schedule', path: '/me/schedule', roles: ['agent'] },
	{ id: 'my-attendance', path: '/me/attendance', roles: ['agent'] },
	{ id: 'my-requests', path: '/me/requests', roles: ['agent'] },
	{ id: 'my-calls', path: '/me/calls', roles: ['agent'], outboundOnly: true },
	{ id: 'my-statement', path: '/me/statement', roles: ['agent'], outboundOnly: true },
	{ id: 'today', path: '/today', roles: ['lead', 'supervisor', 'manager', 'admin', 'qa', 'analyst'] },
	// QA and analysts read schedules (RLS: app.can_read_shift_setup); only planners change them.
	{ id: 'schedules', path: '/schedules', roles: ['lead', 'supervisor', 'manager', 'admin', 'qa', 'analyst'] },
	{ id: 'attendance', path: '/attendance', roles: ['lead', 'supervisor', 'manager', 'admin'] },
	{ id: 'outbound', path: '/outbound', roles: ['lead', 'supervisor', 'manager', 'admin'] },
	// Scoring is for qa, managers and admins (public.score_call); supervisors read scores and import CSAT.
	{ id: 'qa', path: '/qa', roles: ['qa', 'supervisor', 'manager', 'admin'] },
	{ id: 'wallboards', path: '/wall', roles: ['lead', 'supervisor', 'manager', 'admin', 'qa', 'analyst'] },
	{ id: 'settings', path: '/settings', roles: ['lead', 'supervisor', 'manager', 'admin'] },
	{ id: 'members', path: '/members', roles: ['admin'] }
];

/**
 * The pages a role is offered, in the order the top bar shows them. With the
 * member's team kind, an inbound agent is not offered the outbound pages
 * (which would only tell them they have no call list); without it (a
 * role's rights, as for roleMayUse) every page of the role counts.
 */
export function navFor(role: AppRole, teamKind?: string | null): NavItem[] {
	return ITEMS.filter(
		(item) => item.roles.includes(role) && !(item.outboundOnly && teamKind !== undefined && teamKind !== 'outbound')
	).map(({ id, path }) => ({ id, path }));
}

/** May this role use the page? */
export function roleMayUse(role: AppRole, id: NavId): boolean {
	return navFor(role).some((item) => item.id === id);
}

/**
 * Where a signed-in member lands: a wall display goes straight to its board,
 * an entrance kiosk to its keypad (it is offered no page of the app).
 */
export function homeFor(role: AppRole): NavId | 'wall' | 'kiosk' {
	if (role === 'kiosk') return 'kiosk';
	return navFor(role)[0]?.id ?? 'wall';
}

export const homeHref = (role: AppRole): string => {
	const home = homeFor(role);
	if (home === 'wall') return resolve('/wall');
	if (home === 'kiosk') return resolve('/kiosk');
	return navHref(home);
};

/** The nav item a pathname belongs to (its longest matching prefix), for aria-current. */
export function currentNav(items: readonly NavItem[], pathname: string): NavId | null {
	let best: NavItem | null = null;
	for (const item of items) {
		const inside = pathname === item.path || pathname.startsWith(`${item.path}/`);
		if (inside && (!best || item.path.length > best.path.length)) best = item;
	}
	return best?.id ?? null;
}

/** The link of a nav item, through the router's own route ids (typed, base path applied). */
export function navHref(id: NavId): string {
	switch (id) {
		case 'today':
			return resolve('/(app)/today');
		case 'schedules':
			return resolve('/(app)/schedules');
		case 'attendance':
			return resolve('/(app)/attendance');
		case 'wallboards':
			return resolve('/wall');
		case 'settings':
			return resolve('/(app)/settings');
		case 'members':
			return resolve('/(app)/members');
		case 'my-day':
			return resolve('/(app)/me');
		case 'my-schedule':
			return resolve('/(app)/me/schedule/[[week]]', {});
		case 'my-attendance':
			return resolve('/(app)/me/attendance/[[month]]', {});
		case 'my-requests':
			return resolve('/(app)/me/requests');
		case 'my-calls':
			return resolve('/(app)/me/calls');
		case 'my-statement':
			return resolve('/(app)/me/statement/[[month]]', {});
		case 'outbound':
			return resolve('/(app)/outbound');
		case 'qa':
			return resolve('/(app)/qa');
	}
}
