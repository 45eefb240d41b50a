// What every API module of the single-box server is built from.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Db } from './db/types.ts';
import type { ClientAddress } from './http/client-address.ts';
import type { ApiKeys } from './keys.ts';

/** Limits of the API, as Supabase's API settings name them. */
export interface ApiLimits {
	/** Most rows a REST read returns (PostgREST's db-max-rows; Supabase's "Max rows", 1,000). */
	maxRows: number;
	/**
	 * Deadline of every statement an API request runs (ms), replacing the
	 * per-role statement_timeout settings; undefined keeps them (Supabase's way).
	 */
	statementTimeoutMs: number | undefined;
}

export const DEFAULT_API_LIMITS: ApiLimits = { maxRows: 1000, statementTimeoutMs: undefined };

/**
 * The deadline of database work with no role setting of its own (auth,
 * realtime, service_role requests): Supabase's authenticator role's 8 s.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 8_000;

export interface ServerContext {
	db: Db;
	keys: ApiKeys;
	log: (line: string) => void;
	/** The origin this server is known by (PUBLIC_URL, else the listen address); read once it listens. */
	publicUrl: () => string;
	/** The client's address for limits and session records (see http/client-address.ts). */
	clientAddress: ClientAddress;
	/** Supabase's defaults where omitted. */
	limits?: Partial<ApiLimits>;
}

/** Handles one HTTP request whose path starts with the module's prefix (e.g. /auth/v1). */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface RealtimeServer {
	/** Takes over an HTTP upgrade for /realtime/v1/websocket. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
	/** Closes every socket and stops listening to the database. */
	close(): Promise<void>;
}
