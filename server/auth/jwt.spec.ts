// HS256 signing and verification: the checks every API module relies on.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from './jwt.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NOW = 1_800_000_000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (input: string, secret = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');

describe('verifyJwt', () => {
	it('accepts what signJwt signs and returns every claim', () => {
		const token = signJwt({ role: 'authenticated', sub: 'u1', exp: NOW + 60, aud: 'authenticated', extra: 1 }, SECRET);
		expect(verifyJwt(token, SECRET, NOW)).toEqual({
			ok: true,
			claims: { role: 'authenticated', sub: 'u1', exp: NOW + 60, aud: 'authenticated', extra: 1 }
		});
	});

	it('accepts tokens without exp (API keys of other tools) and audience arrays', () => {
		expect(verifyJwt(signJwt({ role: 'anon', aud: ['a', 'b'] }, SECRET), SECRET, NOW).ok).toBe(true);
	});

	it('refuses an expired token, also at the exact second of expiry', () => {
		expect(verifyJwt(signJwt({ role: 'anon', exp: NOW - 1 }, SECRET), SECRET, NOW)).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect(verifyJwt(signJwt({ role: 'anon', exp: NOW }, SECRET), SECRET, NOW)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('refuses a tampered payload and a token signed with another secret', () => {
		const [header, , signature] = signJwt({ role: 'anon', exp: NOW + 60 }, SECRET).split('.');
		const tampered = `${header}.${b64({ role: 'service_role', exp: NOW + 60 })}.${signature}`;
		expect(verifyJwt(tampered, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
		const foreign = signJwt({ role: 'service_role' }, 'another-secret-another-secret-012345');
		expect(verifyJwt(foreign, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
		expect(verifyJwt(`${header}.${b64({ role: 'anon' })}.`, SECRET, NOW)).toEqual({
			ok: false,
			reason: 'bad_signature'
		});
	});

	it('never trusts the header alg: none and other algorithms are refused even when "signed"', () => {
		const body = b64({ role: 'service_role' });
		for (const alg of ['none', 'HS512', 'RS256', 'hs256']) {
			const header = b64({ alg, typ: 'JWT' });
			expect(verifyJwt(`${header}.${body}.`, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
			expect(verifyJwt(`${header}.${body}.${hmac(`${header}.${body}`)}`, SECRET, NOW)).toEqual({
				ok: false,
				reason: 'malformed'
			});
		}
	});

	it('refuses malformed tokens without throwing', () => {
		for (const token of ['', 'a.b', 'a.b.c.d', '!!!.???.###', `${b64('just a string')}.${b64({})}.x`]) {
			expect(verifyJwt(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
		}
	});

	it('refuses well-signed tokens whose claims are not ours', () => {
		for (const claims of [{}, { role: 'postgres' }, { role: 'anon', exp: 'tomorrow' }, { role: 'anon', sub: 5 }]) {
			const header = b64({ alg: 'HS256', typ: 'JWT' });
			const body = b64(claims);
			expect(verifyJwt(`${header}.${body}.${hmac(`${header}.${body}`)}`, SECRET, NOW)).toEqual({
				ok: false,
				reason: 'bad_claims'
			});
		}
	});
});

describe('signJwt', () => {
	it('writes the standard HS256 header and a signature over header.payload', () => {
		const token = signJwt({ role: 'anon' }, SECRET);
		const [header, body, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(JSON.parse(Buffer.from(body ?? '', 'base64url').toString())).toEqual({ role: 'anon' });
		expect(signature).toBe(hmac(`${header}.${body}`));
	});
});
