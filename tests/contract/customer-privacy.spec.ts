// Customer names and phone numbers (DOMAIN.md "Confidentiality") stay with
// the caller who owns the lead, their team lead and managers. Through the
// real API and supabase-js: a team lead hands a caller a call list (one
// refused, one with a duplicate), the caller logs calls and books a visit,
// the lead confirms it and records a deal — while the caller listens on
// their private topic and a wall display on the site's. Then the wall, a
// supervisor and a caller of the same team read what they may, and every
// server log line and every broadcast is searched for the customer's name
// and number: none may hold them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE, demoAgent, demoLead, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('customer data on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('never leaves the caller, their lead and managers: not in broadcasts, other views or the logs', async () => {
		const caller = demoAgent(31);
		const colleague = demoAgent(32);
		const secret = {
			name: `保密客户${String(Date.now()).slice(-6)}`,
			phone: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
		};
		const [agent, lead, manager, supervisor, display, other] = await Promise.all([
			server.signedIn(caller.email),
			server.signedIn(demoLead(4).email),
			server.signedIn(STAFF.manager.email),
			server.signedIn(STAFF.supervisor.email),
			server.signedIn(STAFF.display.email),
			server.signedIn(colleague.email)
		]);
		await Promise.all([agent.realtime.setAuth(), display.realtime.setAuth()]);
		const heard: unknown[] = [];
		const own = agent
			.channel(`agent:${caller.agentId}`, { config: { private: true } })
			.on('broadcast', { event: '*' }, (m) => heard.push(m));
		const wall = display
			.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
			.on('broadcast', { event: '*' }, (m) => heard.push(m));
		expect((await subscribe(own)).status).toBe('SUBSCRIBED');
		expect((await subscribe(wall)).status).toBe('SUBSCRIBED');

		// A list with a bad line is refused by line number, not by echoing the customer.
		const refused = await lead.rpc('import_leads', {
			owner_agent_id: caller.agentId,
			rows: [{ customer_name: secret.name, phone: 'no number', source: 'outreach' }]
		});
		expect(refused.error?.code).toBe('CB101');
		expect(JSON.stringify(refused.error)).not.toContain(secret.name);

		const imported = await lead.rpc('import_leads', {
			owner_agent_id: caller.agentId,
			rows: [{ customer_name: secret.name, phone: secret.phone, source: 'own_project', product: 'villa' }],
			list_name: 'privacy'
		});
		expect(imported.error).toBeNull();
		const leadId = imported.data?.[0]?.lead_id;
		expect(leadId).toBeTruthy();
		// A manager importing the same number for a colleague learns whose customer it is, not who it is.
		const duplicate = await manager.rpc('import_leads', {
			owner_agent_id: colleague.agentId,
			rows: [{ customer_name: 'another name', phone: secret.phone, source: 'agency' }]
		});
		expect(duplicate.data?.map((row) => [row.line, row.lead_id, row.status])).toEqual([[1, null, 'duplicate_skipped']]);
		expect(duplicate.data?.[0]?.duplicate_owner).toBeTruthy();
		expect(JSON.stringify(duplicate)).not.toContain(secret.name);

		const logged = await agent.rpc('log_lead_call', {
			lead_id: leadId as string,
			connected: true,
			grade: 'A',
			product: 'villa',
			notes: `${secret.name} 周六上午来看样板间`
		});
		expect(logged.error).toBeNull();
		const booked = await agent.rpc('book_invitation', {
			lead_id: leadId as string,
			appointment_at: new Date(Date.now() + 3_600_000).toISOString()
		});
		expect(booked.error).toBeNull();
		const invitationId = booked.data?.id as string;
		// A mistake with customer data in it: the caller's own error, not a log line.
		const tooLong = await agent
			.from('leads')
			.update({ customer_name: `${secret.name}${'很'.repeat(120)}` })
			.eq('id', leadId as string);
		expect(tooLong.error?.code).toBe('23514');
		expect((await lead.rpc('confirm_invitation', { invitation_id: invitationId })).error).toBeNull();
		expect((await lead.rpc('record_deal', { invitation_id: invitationId, product: 'villa' })).error).toBeNull();

		// Who reads the customer: the caller, their lead, the manager. Not the wall, a supervisor, a colleague.
		for (const reader of [agent, lead, manager]) {
			const seen = await reader
				.from('leads')
				.select('customer_name, phone')
				.eq('id', leadId as string);
			expect(seen.data).toEqual([{ customer_name: secret.name, phone: secret.phone }]);
		}
		for (const reader of [display, supervisor, other]) {
			const seen = await reader
				.from('leads')
				.select('customer_name')
				.eq('id', leadId as string);
			expect(seen.data ?? []).toEqual([]);
			const calls = await reader
				.from('lead_calls')
				.select('notes')
				.eq('lead_id', leadId as string);
			expect(calls.data ?? []).toEqual([]);
		}
		// The supervisor confirms visits from the register, which holds no customer fields.
		const register = await supervisor.from('invitations').select('*').eq('id', invitationId);
		expect(register.data).toHaveLength(1);
		expect(JSON.stringify(register.data)).not.toContain(secret.phone);
		const board = await display.rpc('wall_outbound_today', { site_id: DEMO_SITE });
		expect(board.error).toBeNull();

		await settle(500);
		// The caller's topic did hear the changes (stats_changed), so the search below searched something.
		expect(JSON.stringify(heard)).toContain('stats_changed');
		const everything = JSON.stringify({ heard, board: board.data, logs: server.logs });
		expect(everything).not.toContain(secret.name);
		expect(everything).not.toContain(secret.phone);
		expect(everything).not.toContain(secret.phone.slice(3));
	});
});
