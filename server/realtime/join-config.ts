// The phx_join payload realtime-js sends: {config: {broadcast: {self, ack},
// presence: {key, enabled}, postgres_changes: [...], private}, access_token}.
// Lenient like Realtime's Join changeset: unparsable fields fall back to
// their defaults instead of failing the join.
import { randomUUID } from 'node:crypto';

export interface JoinConfig {
	self: boolean;
	ack: boolean;
	presenceEnabled: boolean;
	/** The client's key, or a generated one when it gave none. */
	presenceKey: string;
	private: boolean;
	/** Non-null entries of config.postgres_changes. */
	postgresChanges: Record<string, unknown>[];
	/** access_token (or the older user_token) when the payload carries one. */
	accessToken: string | undefined;
}

function asObject(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Realtime's FlexibleBoolean: true/false or their string forms. */
function flag(value: unknown): boolean {
	return value === true || value === 'true';
}

export function parseJoinConfig(payload: unknown): JoinConfig {
	const params = asObject(payload);
	const config = asObject(params.config);
	const broadcast = asObject(config.broadcast);
	const presence = asObject(config.presence);
	const key = presence.key;
	const changes = Array.isArray(config.postgres_changes) ? (config.postgres_changes as unknown[]) : [];
	const token =
		typeof params.access_token === 'string'
			? params.access_token
			: typeof params.user_token === 'string'
				? params.user_token
				: undefined;
	return {
		self: flag(broadcast.self),
		ack: flag(broadcast.ack),
		presenceEnabled: flag(presence.enabled),
		presenceKey: (typeof key === 'string' && key !== '') || typeof key === 'number' ? String(key) : randomUUID(),
		private: flag(config.private),
		postgresChanges: changes.filter((c) => c !== null && c !== undefined).map(asObject),
		accessToken: token
	};
}

/** The error Realtime's Postgres Changes extension reports for a subscription it cannot make. */
export function postgresChangesRefusal(change: Record<string, unknown>): string {
	const text = (value: unknown) =>
		typeof value === 'string' ? value : value === undefined ? 'nil' : JSON.stringify(value);
	return (
		'Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect ' +
		`parameters: [event: ${text(change.event)}, schema: ${text(change.schema)}, table: ${text(change.table)}, ` +
		`filters: ${text(change.filter ?? [])}]`
	);
}
