// One WebSocket connection: Phoenix's socket layer. Frames are handled one
// at a time in arrival order (a join may wait for the database), heartbeats
// on 'phoenix' are answered, messages for topics this socket has not joined
// get Phoenix's "unmatched topic" error, and floods (frames, joins, a
// backlog, a reader that never drains) close the socket, never the server.
import WebSocket from 'ws';
import type { AddressLimits } from './address-limits.ts';
import type { Channel } from './channel.ts';
import { errorText, RateWindow, type Hub } from './hub.ts';
import { joinChannel, type JoinHost } from './join.ts';
import { decodeFrame, encodeReply, type PhxMessage, type Ref, type Vsn } from './serializer.ts';

export interface ConnectionInit {
	vsn: Vsn;
	apiKeyToken: string;
	headers: Record<string, string>;
	/** The client's address (ServerContext.clientAddress) and the budgets counted by it. */
	address: string;
	limits: AddressLimits;
	onClose: (connection: Connection) => void;
}

function toBuffer(data: WebSocket.RawData): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (Array.isArray(data)) return Buffer.concat(data);
	return Buffer.from(data);
}

export class Connection implements JoinHost {
	readonly hub: Hub;
	readonly vsn: Vsn;
	readonly apiKeyToken: string;
	readonly headers: Record<string, string>;
	readonly address: string;
	/** When the client last sent anything; the server closes idle sockets. */
	lastSeen = Date.now();
	readonly #ws: WebSocket;
	readonly #channels = new Map<string, Channel>();
	readonly #joins: RateWindow;
	readonly #frames: RateWindow;
	readonly #onClose: (connection: Connection) => void;
	readonly #limits: AddressLimits;
	#queue: Promise<void> = Promise.resolve();
	#pending = 0;
	#invalidLogged = false;
	#closed = false;

	constructor(ws: WebSocket, hub: Hub, init: ConnectionInit) {
		this.#ws = ws;
		this.hub = hub;
		this.vsn = init.vsn;
		this.apiKeyToken = init.apiKeyToken;
		this.headers = init.headers;
		this.address = init.address;
		this.#limits = init.limits;
		this.#onClose = init.onClose;
		this.#joins = new RateWindow(hub.options.maxJoinsPerSecond, 1000);
		this.#frames = new RateWindow(hub.options.maxFramesPerSecond, 1000);
		ws.on('message', (data, isBinary) => this.#receive(toBuffer(data), isBinary));
		ws.on('close', () => this.#closedByTransport());
		// ws closes the socket itself after a protocol error; nothing to add.
		ws.on('error', (err) => this.hub.ctx.log(`realtime socket error: ${errorText(err)}`));
	}

	get channelCount(): number {
		return this.#channels.size;
	}

	get isOpen(): boolean {
		return !this.#closed;
	}

	allowJoin(): boolean {
		return this.#joins.hit();
	}

	admitJoin(identity: string): boolean {
		return this.#limits.admitJoin(this.address, identity);
	}

	joinGranted(identity: string): void {
		this.#limits.joinGranted(this.address, identity);
	}

	joinRefused(identity: string): void {
		this.#limits.joinRefused(this.address, identity);
	}

	send(frame: string | Buffer): void {
		if (this.#closed || this.#ws.readyState !== WebSocket.OPEN) return;
		if (this.#ws.bufferedAmount > this.hub.options.maxBufferedBytes) {
			this.hub.ctx.log('realtime: dropping a socket that does not read its messages');
			this.#ws.terminate();
			return;
		}
		this.#ws.send(frame);
	}

	forget(channel: Channel): void {
		if (this.#channels.get(channel.topic) === channel) this.#channels.delete(channel.topic);
	}

	disconnect(reason: string): void {
		this.close(1000, reason);
	}

	close(code: number, reason: string): void {
		if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING) {
			this.#ws.close(code, reason);
		}
		this.#release();
	}

	/** Resolves once the transport is closed; forces it after `graceMs`. */
	closed(graceMs: number): Promise<void> {
		if (this.#ws.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.#ws.terminate();
				resolve();
			}, graceMs);
			this.#ws.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	#receive(data: Buffer, isBinary: boolean): void {
		if (this.#closed) return;
		this.lastSeen = Date.now();
		if (!this.#frames.hit()) {
			this.close(1008, 'Too many messages per second');
			return;
		}
		if (this.#pending >= this.hub.options.maxPendingFrames) {
			this.close(1008, 'Too many pending messages');
			return;
		}
		this.#pending++;
		this.#queue = this.#queue
			.then(() => (this.#closed ? undefined : this.#handle(data, isBinary)))
			.catch((err: unknown) => this.hub.ctx.log(`realtime: message failed: ${errorText(err)}`))
			.finally(() => {
				this.#pending--;
			});
	}

	async #handle(data: Buffer, isBinary: boolean): Promise<void> {
		const decoded = decodeFrame(this.vsn, data, isBinary);
		if (decoded.kind === 'invalid') {
			// Log once per socket: a broken client would otherwise flood the log.
			if (!this.#invalidLogged) this.hub.ctx.log(`realtime: ignored an invalid frame (${decoded.reason})`);
			this.#invalidLogged = true;
			return;
		}
		if (decoded.kind === 'user_broadcast') {
			const channel = this.#channels.get(decoded.topic);
			if (channel) await channel.handleUserBroadcast(decoded.broadcast, decoded.ref);
			else this.#unmatched(decoded.topic, decoded.ref);
			return;
		}
		await this.#dispatch(decoded.message);
	}

	async #dispatch(message: PhxMessage): Promise<void> {
		const { topic, event, ref, joinRef } = message;
		if (topic === 'phoenix' && event === 'heartbeat') {
			this.send(encodeReply(this.vsn, { joinRef: null, ref, topic, status: 'ok', response: {} }));
			return;
		}
		const channel = this.#channels.get(topic);
		if (event === 'phx_join') {
			if (!topic.startsWith('realtime:')) {
				this.#unmatched(topic, ref);
				return;
			}
			// Phoenix closes the existing channel of a topic before a new join of it.
			if (channel) {
				this.#channels.delete(topic);
				channel.close();
			}
			const joined = await joinChannel(this, message);
			if (joined && !this.#closed) this.#channels.set(topic, joined);
			else joined?.detach();
			return;
		}
		if (channel) {
			if (event === 'phx_leave') {
				this.#channels.delete(topic);
				channel.leave(ref);
			} else {
				await channel.handle(event, message.payload, ref);
			}
			return;
		}
		if (event === 'phx_leave') {
			this.send(encodeReply(this.vsn, { joinRef, ref, topic, status: 'ok', response: {} }));
			return;
		}
		this.#unmatched(topic, ref);
	}

	#unmatched(topic: string, ref: Ref): void {
		this.send(
			encodeReply(this.vsn, { joinRef: null, ref, topic, status: 'error', response: { reason: 'unmatched topic' } })
		);
	}

	#closedByTransport(): void {
		this.#release();
	}

	/** Leaves every channel (others see presence leave) and unregisters the socket, once. */
	#release(): void {
		if (this.#closed) return;
		this.#closed = true;
		for (const channel of this.#channels.values()) channel.detach();
		this.#channels.clear();
		this.#onClose(this);
	}
}
