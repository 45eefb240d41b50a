// What every API module of the single-box server is built from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Db } from './db/types.ts';
import type { ClientAddress } from './http/client-address.ts';
import type { ApiKeys } from './keys.ts';

export interface ServerContext {
	db: Db;
	keys: ApiKeys;
	log: (line: string) => void;
	/** The origin this server is known by (PUBLIC_URL, else the listen address); read once it listens. */
	publicUrl: () => string;
	/** The client's address for limits and session records (see http/client-address.ts). */
	clientAddress: ClientAddress;
}

/** Handles one HTTP request whose path starts with the module's prefix (e.g. /auth/v1). */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface RealtimeServer {
	/** Takes over an HTTP upgrade for /realtime/v1/websocket. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes every socket and stops listening to the database. */
	close(): Promise<void>;
}
