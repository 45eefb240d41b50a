import { describe, expect, it } from 'vitest';
import { AddressLimits, joinIdentity } from './address-limits.ts';
import { DEFAULT_OPTIONS } from './hub.ts';

function limitsAt(start = 1_000_000) {
	const clock = { now: start };
	const limits = new AddressLimits(
		{
			maxSocketsPerAddress: 3,
			socketsPerAddress: { burst: 4, perSecond: 1 },
			joinsPerAddress: { burst: 30, perSecond: 10 },
			joinsPerIdentity: { burst: 10, perSecond: 2 },
			failedJoinCost: 5
		},
		() => clock.now
	);
	return { limits, clock };
}

describe('AddressLimits: sockets', () => {
	it('caps open sockets per address and frees a place when one closes', () => {
		const { limits } = limitsAt();
		for (let i = 0; i < 3; i++) {
			expect(limits.checkSocket('10.0.0.1')).toBeUndefined();
			limits.socketOpened('10.0.0.1');
		}
		expect(limits.checkSocket('10.0.0.1')).toEqual({ error: 'Too many connected users', retryAfterS: 1 });
		expect(limits.checkSocket('10.0.0.2')).toBeUndefined();
		limits.socketClosed('10.0.0.1');
		expect(limits.checkSocket('10.0.0.1')).toBeUndefined();
	});

	it('limits new sockets per second, counting attempts that never opened', () => {
		const { limits, clock } = limitsAt();
		for (let i = 0; i < 4; i++) expect(limits.checkSocket('10.0.0.1')).toBeUndefined();
		expect(limits.checkSocket('10.0.0.1')).toEqual({ error: 'Too many new connections per second', retryAfterS: 1 });
		clock.now += 1_000;
		expect(limits.checkSocket('10.0.0.1')).toBeUndefined();
	});
});

describe('AddressLimits: joins', () => {
	it('names the identity of a join by its user, else its role', () => {
		expect(joinIdentity({ role: 'authenticated', sub: 'u1' })).toBe('user:u1');
		expect(joinIdentity({ role: 'anon' })).toBe('role:anon');
		expect(joinIdentity(undefined)).toBe('invalid-token');
	});

	it('charges refused joins more, so a flood of them stops while another identity keeps joining', () => {
		const { limits, clock } = limitsAt();
		const join = (identity: string, granted: boolean) => {
			if (!limits.admitJoin('10.0.0.1', identity)) return false;
			if (granted) limits.joinGranted('10.0.0.1', identity);
			return true;
		};
		let refusedJoins = 0;
		for (let i = 0; i < 100; i++) if (join('role:anon', false)) refusedJoins++;
		// 10 tokens, 5 per refused join: two reach the policies.
		expect(refusedJoins).toBe(2);
		// Granted joins cost 1, but each needs a refusal's 5 in hand: 6 at once.
		for (let i = 0; i < 6; i++) expect(join('user:display', true)).toBe(true);
		expect(join('user:display', true)).toBe(false);
		// Then one refused join per 2.5 s (5 tokens at 2 a second).
		clock.now += 2_400;
		expect(join('role:anon', false)).toBe(false);
		clock.now += 100;
		expect(join('role:anon', false)).toBe(true);
		clock.now += 2_400;
		expect(join('role:anon', false)).toBe(false);
		clock.now += 100;
		expect(join('role:anon', false)).toBe(true);
	});

	it('lets the joins of a signed-in user wait together, and charges their refusals after the fact', () => {
		const { limits, clock } = limitsAt();
		// Six joins in flight at once, none settled yet: each has a refusal's 5 in hand.
		for (let i = 0; i < 6; i++) expect(limits.admitJoin('10.0.0.1', 'user:agent')).toBe(true);
		expect(limits.admitJoin('10.0.0.1', 'user:agent')).toBe(false);
		// All six refused: 5 each, 30 of a 10-token budget, so 20 owed.
		for (let i = 0; i < 6; i++) limits.joinRefused('10.0.0.1', 'user:agent');
		// The debt is earned back at 2 a second before a refusal's 5 is in hand again.
		clock.now += 12_400;
		expect(limits.admitJoin('10.0.0.1', 'user:agent')).toBe(false);
		clock.now += 100;
		expect(limits.admitJoin('10.0.0.1', 'user:agent')).toBe(true);
	});

	it('pays a refusal up front for a caller with no user, so its joins in flight never overspend', () => {
		const { limits } = limitsAt();
		expect(limits.admitJoin('10.0.0.1', 'role:anon')).toBe(true);
		expect(limits.admitJoin('10.0.0.1', 'role:anon')).toBe(true);
		expect(limits.admitJoin('10.0.0.1', 'role:anon')).toBe(false);
		// Settling the refusals owes nothing more: it was paid when admitted.
		limits.joinRefused('10.0.0.1', 'role:anon');
		limits.joinGranted('10.0.0.1', 'role:anon');
		expect(limits.admitJoin('10.0.0.1', 'role:anon')).toBe(false);
	});

	it('caps all identities of an address together, and refuses new sockets while it is spent', () => {
		const { limits } = limitsAt();
		const granted = (address: string, identity: string) => {
			const admitted = limits.admitJoin(address, identity);
			if (admitted) limits.joinGranted(address, identity);
			return admitted;
		};
		for (let user = 0; user < 5; user++) {
			for (let i = 0; i < 6; i++) expect(granted('10.0.0.1', `user:${user}`)).toBe(true);
		}
		expect(granted('10.0.0.1', 'user:fresh')).toBe(false);
		expect(limits.checkSocket('10.0.0.1')).toEqual({ error: 'Too many joins per second', retryAfterS: 1 });
		expect(granted('10.0.0.2', 'user:fresh')).toBe(true);
	});

	it('counts an IPv6 client by its /64', () => {
		const { limits } = limitsAt();
		expect(limits.admitJoin('2001:db8:1:2::1', 'role:anon')).toBe(true);
		expect(limits.admitJoin('2001:db8:1:2::2', 'role:anon')).toBe(true);
		expect(limits.admitJoin('2001:db8:1:2::99', 'role:anon')).toBe(false);
		expect(limits.admitJoin('2001:db8:1:3::1', 'role:anon')).toBe(true);
	});
});

describe('the default limits', () => {
	it('never trip for a whole floor behind one address reconnecting at once', () => {
		const limits = new AddressLimits(DEFAULT_OPTIONS, () => 1_000_000);
		const floor = '203.0.113.20';
		// 300 TVs on one display account and 150 agents' and supervisors' browsers, two channels each.
		for (let i = 0; i < 450; i++) {
			expect(limits.checkSocket(floor)).toBeUndefined();
			limits.socketOpened(floor);
		}
		// All their joins arrive before the first is granted.
		const admitted: string[] = [];
		for (let i = 0; i < 450; i++) {
			const identity = i < 300 ? 'user:display' : `user:person-${i}`;
			for (let channel = 0; channel < (i < 300 ? 1 : 2); channel++) {
				expect(limits.admitJoin(floor, identity)).toBe(true);
				admitted.push(identity);
			}
		}
		for (const identity of admitted) limits.joinGranted(floor, identity);
	});
});
