// One joined channel of one socket, as RealtimeChannel runs it after the
// join: client broadcast (with self/ack, write-authorized on private
// channels), presence track/untrack, access_token refresh with
// re-authorization, token expiry, leave, and shutdown with a system message.
import { randomUUID } from 'node:crypto';
import type { JwtClaims } from '../auth/jwt.ts';
import { isDatabaseOutage } from '../db/errors.ts';
import { authorizeRead, authorizeWrite, type Extension, type Policies } from './authorize.ts';
import { topicKey, type OutboundBroadcast, type Subscriber } from './channels.ts';
import { errorText, RateWindow, type Hub } from './hub.ts';
import type { JoinConfig } from './join-config.ts';
import { encodeMessage, encodeReply, type Ref, type UserBroadcast, type Vsn } from './serializer.ts';
import { checkToken, shutdownMessage } from './tokens.ts';

/** Realtime re-confirms the token at least this often, and at its expiry. */
const TOKEN_RECHECK_MS = 5 * 60 * 1000;
export const DATABASE_UNAVAILABLE = 'Realtime was unable to connect to the project database';

export interface ChannelHost {
	readonly hub: Hub;
	readonly vsn: Vsn;
	/** x-* headers of the upgrade request, for request.headers. */
	readonly headers: Record<string, string>;
	send(frame: string | Buffer): void;
	/** The server closed this channel on its own (token expired, read revoked, rate limit). */
	forget(channel: Channel): void;
}

export interface ChannelInit {
	topic: string;
	subTopic: string;
	joinRef: Ref;
	config: JoinConfig;
	token: string;
	claims: JwtClaims;
	exp: number;
	policies: Policies | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Postgres error (SQLSTATE code) rather than a lost connection. */
/** The database answered with an error (a policy refused); not an outage such as a passed deadline. */
export function isPostgresError(err: unknown): boolean {
	const code = isObject(err) || err instanceof Error ? (err as { code?: unknown }).code : undefined;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !isDatabaseOutage(err);
}

export function readExtensions(presenceEnabled: boolean): Extension[] {
	return presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'];
}

export class Channel implements Subscriber {
	readonly id = randomUUID();
	readonly topic: string;
	readonly subTopic: string;
	readonly isPrivate: boolean;
	readonly joinRef: Ref;
	readonly key: string;
	readonly #host: ChannelHost;
	readonly #config: JoinConfig;
	readonly #presenceCalls: RateWindow;
	#token: string;
	#claims: JwtClaims;
	#exp: number;
	#policies: Policies | null;
	#presenceEnabled: boolean;
	#tokenTimer: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(host: ChannelHost, init: ChannelInit) {
		this.#host = host;
		this.topic = init.topic;
		this.subTopic = init.subTopic;
		this.isPrivate = init.config.private;
		this.joinRef = init.joinRef;
		this.key = topicKey(init.subTopic, init.config.private);
		this.#config = init.config;
		this.#token = init.token;
		this.#claims = init.claims;
		this.#exp = init.exp;
		this.#policies = init.policies;
		this.#presenceEnabled = init.config.presenceEnabled;
		const { presenceCallsPerWindow, presenceWindowMs } = host.hub.options;
		this.#presenceCalls = new RateWindow(presenceCallsPerWindow, presenceWindowMs);
	}

	get vsn(): Vsn {
		return this.#host.vsn;
	}

	get closed(): boolean {
		return this.#closed;
	}

	canReadBroadcast(): boolean {
		return !this.isPrivate || this.#policies?.broadcast.read === true;
	}

	canReadPresence(): boolean {
		return !this.isPrivate || this.#policies?.presence.read === true;
	}

	send(frame: string | Buffer): void {
		if (!this.#closed) this.#host.send(frame);
	}

	/** Registers the channel and answers the join in one step, so nothing reaches it before the reply. */
	open(ref: Ref): void {
		this.#host.hub.registry.add(this.key, this);
		this.#reply(ref, 'ok', { postgres_changes: [] });
		this.#scheduleTokenCheck();
		if (this.#presenceEnabled && this.canReadPresence()) {
			this.#push('presence_state', this.#host.hub.registry.presenceState(this.key));
		}
	}

	async handle(event: string, payload: unknown, ref: Ref): Promise<void> {
		switch (event) {
			case 'broadcast':
				// JSON broadcasts relay as they came; Realtime refuses non-map payloads.
				if (isObject(payload)) await this.#broadcast({ kind: 'json', payload }, ref);
				return;
			case 'presence':
				return this.#presence(payload, ref);
			case 'access_token':
				return this.#accessToken(payload);
			default:
				// Realtime logs and ignores unexpected client events on a joined channel.
				this.#log(`ignored event ${JSON.stringify(event).slice(0, 80)}`);
		}
	}

	/** A binary user broadcast push (vsn 2.0.0); client metadata is not relayed. */
	async handleUserBroadcast(broadcast: UserBroadcast, ref: Ref): Promise<void> {
		const { event, encoding, body } = broadcast;
		await this.#broadcast({ kind: 'user', broadcast: { event, encoding, body } }, ref);
	}

	leave(ref: Ref): void {
		this.#reply(ref, 'ok', {});
		this.close();
	}

	/** Ends the channel for the client: phx_close, as Phoenix sends when a channel stops. */
	close(): void {
		if (this.#closed) return;
		this.detach();
		this.#host.send(
			encodeMessage(this.vsn, {
				joinRef: this.joinRef,
				ref: this.joinRef,
				topic: this.topic,
				event: 'phx_close',
				payload: {}
			})
		);
	}

	/** Drops the channel without telling the client (its socket is gone). */
	detach(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#tokenTimer);
		this.#host.hub.registry.remove(this.key, this);
	}

	/** Realtime's shutdown_response: a system error message, then the channel closes. */
	shutdown(message: string): void {
		if (this.#closed) return;
		this.#log(`channel shut down: ${message}`);
		this.#push('system', { extension: 'system', status: 'error', message, channel: this.subTopic });
		this.close();
		this.#host.forget(this);
	}

	async #broadcast(message: OutboundBroadcast, ref: Ref): Promise<void> {
		if (this.isPrivate) {
			let policies = this.#policies ?? { broadcast: {}, presence: {} };
			if (policies.broadcast.write === undefined) {
				try {
					policies = await authorizeWrite(this.#host.hub.ctx.db, this.#authContext(), policies);
				} catch (err) {
					this.#log(`broadcast authorization failed: ${errorText(err)}`);
					return;
				}
				this.#policies = policies;
			}
			// Realtime drops an unauthorized broadcast silently, without an ack.
			if (!policies.broadcast.write) return;
		}
		if (this.#closed) return;
		this.#host.hub.registry.broadcast(this.key, message, this.#config.self ? undefined : this);
		if (this.#config.ack) this.#reply(ref, 'ok', {});
	}

	async #presence(payload: unknown, ref: Ref): Promise<void> {
		if (!isObject(payload) || typeof payload.event !== 'string') {
			this.#reply(ref, 'ok', {});
			return;
		}
		if (!this.#presenceCalls.hit()) {
			this.shutdown('Client presence rate limit exceeded');
			return;
		}
		const event = payload.event.toLowerCase();
		const { registry } = this.#host.hub;
		if (event === 'untrack') {
			registry.untrack(this.key, this);
			this.#reply(ref, 'ok', {});
			return;
		}
		if (event !== 'track') {
			this.#reply(ref, 'error', {});
			return;
		}
		if (this.isPrivate && !(await this.#mayTrack())) {
			this.#reply(ref, 'error', {});
			return;
		}
		const meta = payload.payload ?? {};
		if (!isObject(meta)) {
			this.#reply(ref, 'error', { reason: 'Presence track payload must be a map' });
			return;
		}
		if (this.#closed) return;
		if (!this.#presenceEnabled) {
			// Presence enabled lazily by the first track(): the client holds every
			// presence_diff until it has had a presence_state, so send one first.
			this.#presenceEnabled = true;
			if (this.canReadPresence()) this.#push('presence_state', registry.presenceState(this.key));
		}
		registry.track(this.key, this, this.#config.presenceKey, meta);
		this.#reply(ref, 'ok', {});
	}

	/** Presence on a private channel needs the presence write policy (and read, to see the others). */
	async #mayTrack(): Promise<boolean> {
		let policies = this.#policies ?? { broadcast: {}, presence: {} };
		if (policies.presence.write === undefined) {
			const { db } = this.#host.hub.ctx;
			try {
				if (policies.presence.read === undefined) {
					policies = await authorizeRead(db, this.#authContext(), readExtensions(true), policies);
				}
				policies = await authorizeWrite(db, this.#authContext(), policies);
			} catch (err) {
				this.#log(`presence authorization failed: ${errorText(err)}`);
				return false;
			}
			this.#policies = policies;
		}
		return policies.presence.write === true;
	}

	async #accessToken(payload: unknown): Promise<void> {
		const token = isObject(payload) ? payload.access_token : undefined;
		// Realtime ignores a missing or unchanged token and opaque sb_ API keys.
		if (typeof token !== 'string' || token.startsWith('sb_') || token === this.#token) return;
		const check = checkToken(token, this.#host.hub.ctx.keys.jwt_secret);
		if (!check.ok) {
			this.shutdown(shutdownMessage(check));
			return;
		}
		this.#token = token;
		this.#claims = check.claims;
		this.#exp = check.exp;
		if (this.isPrivate) {
			const previous = this.#policies;
			let next: Policies;
			try {
				next = await authorizeRead(this.#host.hub.ctx.db, this.#authContext(), readExtensions(this.#presenceEnabled));
			} catch (err) {
				this.#log(`re-authorization failed: ${errorText(err)}`);
				if (isPostgresError(err))
					this.shutdown(`You do not have permissions to read from this Channel topic: ${this.subTopic}`);
				else this.shutdown(DATABASE_UNAVAILABLE);
				return;
			}
			if (!next.broadcast.read && !next.presence.read) {
				this.shutdown(`You do not have permissions to read from this Channel topic: ${this.subTopic}`);
				return;
			}
			const revoked = (before?: boolean, after?: boolean) => before === true && after === false;
			if (
				revoked(previous?.broadcast.read, next.broadcast.read) ||
				revoked(previous?.presence.read, next.presence.read)
			) {
				this.shutdown(`You no longer have permission to read from this Channel topic: ${this.subTopic}`);
				return;
			}
			this.#policies = next;
		}
		this.#scheduleTokenCheck();
	}

	#scheduleTokenCheck(): void {
		clearTimeout(this.#tokenTimer);
		if (this.#closed) return;
		const delay = Math.min(TOKEN_RECHECK_MS, Math.max(0, this.#exp * 1000 - Date.now()));
		this.#tokenTimer = setTimeout(() => {
			const check = checkToken(this.#token, this.#host.hub.ctx.keys.jwt_secret);
			if (check.ok) this.#scheduleTokenCheck();
			else this.shutdown(shutdownMessage(check));
		}, delay);
		this.#tokenTimer.unref();
	}

	#authContext() {
		return { topic: this.subTopic, claims: this.#claims, headers: this.#host.headers };
	}

	#push(event: string, payload: unknown): void {
		this.send(encodeMessage(this.vsn, { joinRef: this.joinRef, ref: null, topic: this.topic, event, payload }));
	}

	#reply(ref: Ref, status: 'ok' | 'error', response: unknown): void {
		this.send(encodeReply(this.vsn, { joinRef: this.joinRef, ref, topic: this.topic, status, response }));
	}

	#log(line: string): void {
		this.#host.hub.ctx.log(`realtime ${this.topic}: ${line}`);
	}
}
