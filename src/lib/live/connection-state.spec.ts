import { describe, expect, it } from 'vitest';
import { connectionState, STALE_AFTER_MS } from './connection-state';

const now = 1_000_000;

describe('connectionState', () => {
	it('is connecting until the first snapshot', () => {
		expect(connectionState({ phase: 'joining', synced: false, lastAliveAt: null, now })).toEqual({
			kind: 'connecting'
		});
	});

	it('is live only when joined and synced with a recent sign of life', () => {
		expect(connectionState({ phase: 'joined', synced: true, lastAliveAt: now - 1_000, now })).toEqual({ kind: 'live' });
		expect(connectionState({ phase: 'joined', synced: false, lastAliveAt: now - 1_000, now })).toEqual({
			kind: 'reconnecting'
		});
		expect(connectionState({ phase: 'errored', synced: true, lastAliveAt: now - 1_000, now })).toEqual({
			kind: 'reconnecting'
		});
	});

	it('is stale since the last sign of life once 30 s have passed, joined or not', () => {
		const last = now - STALE_AFTER_MS;
		expect(connectionState({ phase: 'errored', synced: false, lastAliveAt: last, now })).toEqual({
			kind: 'stale',
			since: last
		});
		expect(connectionState({ phase: 'joined', synced: true, lastAliveAt: last, now })).toEqual({
			kind: 'stale',
			since: last
		});
		expect(connectionState({ phase: 'joined', synced: true, lastAliveAt: last + 1, now })).toEqual({ kind: 'live' });
	});
});
