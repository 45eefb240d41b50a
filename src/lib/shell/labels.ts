// Words for roles and navigation items in the user's language.
import { m } from '$lib/paraglide/messages';
import type { AppRole, NavId } from './nav';

const ROLE: Record<AppRole, () => string> = {
	agent: m.role_agent,
	lead: m.role_lead,
	supervisor: m.role_supervisor,
	manager: m.role_manager,
	qa: m.role_qa,
	analyst: m.role_analyst,
	admin: m.role_admin,
	display: m.role_display,
	kiosk: m.kiosk_role
};

const NAV: Record<NavId, () => string> = {
	today: m.nav_today,
	schedules: m.nav_schedules,
	attendance: m.nav_attendance,
	wallboards: m.nav_wallboards,
	settings: m.nav_settings,
	members: m.nav_members,
	'my-day': m.nav_my_day,
	'my-schedule': m.nav_my_schedule,
	'my-attendance': m.att_view_nav_mine,
	'my-requests': m.att_req_nav_mine,
	'my-calls': m.outb_nav_my_calls,
	'my-statement': m.stmt_nav_mine,
	outbound: m.outb_nav_outbound,
	qa: m.qa_nav
};

export const roleLabel = (role: AppRole): string => ROLE[role]();
export const navLabel = (id: NavId): string => NAV[id]();
