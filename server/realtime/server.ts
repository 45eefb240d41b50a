// Supabase Realtime's WebSocket endpoint, /realtime/v1/websocket: checks
// the upgrade like RealtimeWeb.UserSocket.connect (a vsn we speak, the
// client address's socket limits, an API key signed with our JWT secret) and
// refuses it with Realtime's HTTP status and {error} body; runs each
// accepted socket as a Connection; feeds Broadcast from Database into the
// joined channels; closes idle sockets.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RealtimeServer, ServerContext } from '../context.ts';
import { AddressLimits } from './address-limits.ts';
import { ChannelRegistry } from './channels.ts';
import { startDbBroadcast } from './db-broadcast.ts';
import { DEFAULT_OPTIONS, type Hub, type RealtimeOptions } from './hub.ts';
import { parseVsn } from './serializer.ts';
import { Connection } from './socket.ts';
import { checkToken, upgradeRefusal } from './tokens.ts';

/** Going Away: the server is shutting down; clients reconnect to the next one. */
const CLOSE_GOING_AWAY = 1001;
const CLOSE_GRACE_MS = 1_000;

function refuse(socket: Duplex, status: number, reason: string, body: string, extra: string[] = []): void {
	const head = [
		`HTTP/1.1 ${status} ${reason}`,
		'content-type: application/json; charset=utf-8',
		`content-length: ${Buffer.byteLength(body)}`,
		'connection: close',
		...extra
	];
	if (socket.writable) socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
	else socket.destroy();
}

/** x-* request headers, which Realtime hands to policies as request.headers. */
function xHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (name.startsWith('x-') && name !== 'x-api-key' && value !== undefined) {
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
	}
	return headers;
}

export async function createRealtimeServer(
	ctx: ServerContext,
	overrides: Partial<RealtimeOptions> = {}
): Promise<RealtimeServer> {
	const hub: Hub = { ctx, registry: new ChannelRegistry(), options: { ...DEFAULT_OPTIONS, ...overrides } };
	const wss = new WebSocketServer({ noServer: true, maxPayload: hub.options.maxFrameBytes });
	const limits = new AddressLimits(hub.options);
	const connections = new Set<Connection>();
	const broadcasts = await startDbBroadcast(hub);
	let closing: Promise<void> | undefined;

	const idleTimer = setInterval(
		() => {
			const cutoff = Date.now() - hub.options.idleTimeoutMs;
			for (const connection of connections) {
				if (connection.lastSeen < cutoff) connection.close(1000, 'heartbeat timeout');
			}
		},
		Math.max(250, Math.floor(hub.options.idleTimeoutMs / 4))
	);
	idleTimer.unref();

	return {
		handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
			socket.on('error', () => socket.destroy());
			if (closing) {
				refuse(socket, 503, 'Service Unavailable', JSON.stringify({ error: 'Realtime is restarting, please standby' }));
				return;
			}
			const url = new URL(req.url ?? '/', 'http://localhost');
			const vsn = parseVsn(url.searchParams.get('vsn'));
			// Phoenix answers an unknown serializer version with a bare 403.
			if (!vsn) {
				refuse(socket, 403, 'Forbidden', '');
				return;
			}
			const address = ctx.clientAddress(req);
			const overLimit = limits.checkSocket(address);
			if (overLimit) {
				refuse(socket, 429, 'Too Many Requests', JSON.stringify({ error: overLimit.error }), [
					`retry-after: ${overLimit.retryAfterS}`
				]);
				return;
			}
			const header = req.headers['x-api-key'];
			const apiKey = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey');
			if (!apiKey) {
				refuse(socket, 401, 'Unauthorized', JSON.stringify({ error: 'API key is missing' }));
				return;
			}
			const check = checkToken(apiKey, ctx.keys.jwt_secret);
			if (!check.ok) {
				refuse(socket, 401, 'Unauthorized', JSON.stringify({ error: upgradeRefusal(check) }));
				return;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				if (closing) {
					ws.close(CLOSE_GOING_AWAY, 'server shutting down');
					return;
				}
				const connection = new Connection(ws, hub, {
					vsn,
					apiKeyToken: apiKey,
					headers: xHeaders(req),
					address,
					limits,
					onClose: (c) => {
						connections.delete(c);
						limits.socketClosed(address);
					}
				});
				connections.add(connection);
				limits.socketOpened(address);
			});
		},

		close(): Promise<void> {
			closing ??= (async () => {
				clearInterval(idleTimer);
				await broadcasts.stop();
				const open = [...connections];
				for (const connection of open) connection.close(CLOSE_GOING_AWAY, 'server shutting down');
				await Promise.all(open.map((connection) => connection.closed(CLOSE_GRACE_MS)));
				wss.close();
			})();
			return closing;
		}
	};
}
