// phx_join on 'realtime:<sub-topic>', checked in RealtimeChannel.join's
// order: topic name, join rate, channel count, token, private-channel read
// policies, then the Postgres Changes extension this server does not have.
// After the token (which names the identity) come the client address's join
// budgets (address-limits.ts); a join refused after that costs more there.
// Every refusal is a phx_reply with status error and {reason}.
import { joinIdentity } from './address-limits.ts';
import { authorizeRead, type Policies } from './authorize.ts';
import { Channel, DATABASE_UNAVAILABLE, isPostgresError, readExtensions, type ChannelHost } from './channel.ts';
import { errorText } from './hub.ts';
import { parseJoinConfig, postgresChangesRefusal } from './join-config.ts';
import { encodeReply, type PhxMessage } from './serializer.ts';
import { checkToken, joinRefusal } from './tokens.ts';

export interface JoinHost extends ChannelHost {
	/** The API key the socket connected with: the token when the join carries none. */
	readonly apiKeyToken: string;
	readonly channelCount: number;
	/** False once the socket closed (a join may have been waiting for the database). */
	readonly isOpen: boolean;
	/** Counts a join against the socket's per-second budget; false when it is spent. */
	allowJoin(): boolean;
	/** Counts a join against its client address's budgets for `identity`; false when one is spent. */
	admitJoin(identity: string): boolean;
	/** A join admitted for `identity` was granted, or failed for the server's reason: it costs one join. */
	joinGranted(identity: string): void;
	/** A join admitted for `identity` was refused: it costs a refusal. */
	joinRefused(identity: string): void;
	/** Closes the whole socket (join flood). */
	disconnect(reason: string): void;
}

export async function joinChannel(host: JoinHost, message: PhxMessage): Promise<Channel | undefined> {
	const { topic } = message;
	const refuse = (reason: string): undefined => {
		host.send(
			encodeReply(host.vsn, {
				joinRef: message.joinRef,
				ref: message.ref,
				topic,
				status: 'error',
				response: { reason }
			})
		);
		return undefined;
	};

	const subTopic = topic.slice('realtime:'.length);
	if (subTopic === '') return refuse('TopicNameRequired: You must provide a topic name');
	const config = parseJoinConfig(message.payload);

	if (!host.allowJoin()) {
		refuse('ClientJoinRateLimitReached: Too many joins per second');
		host.disconnect('Too many joins per second');
		return undefined;
	}
	if (host.channelCount >= host.hub.options.maxChannelsPerSocket) {
		return refuse('ChannelRateLimitReached: Too many channels');
	}

	const given = config.accessToken;
	const token = given === undefined || given.startsWith('sb_') ? host.apiKeyToken : given;
	const check = checkToken(token, host.hub.ctx.keys.jwt_secret);
	// The client address's budgets, per identity: one login or the anon key cannot spend the floor's.
	const identity = joinIdentity(check.ok ? check.claims : undefined);
	if (!host.admitJoin(identity)) {
		refuse('ClientJoinRateLimitReached: Too many joins per second');
		host.disconnect('Too many joins per second');
		return undefined;
	}
	const refuseAdmitted = (reason: string): undefined => {
		host.joinRefused(identity);
		return refuse(reason);
	};
	if (!check.ok) return refuseAdmitted(joinRefusal(check));

	let policies: Policies | null = null;
	if (config.private) {
		const context = { topic: subTopic, claims: check.claims, headers: host.headers };
		try {
			// Presence read is checked even when the join did not ask for presence: realtime-js
			// enables it lazily on the first track(), and the channel must see the others then.
			policies = await authorizeRead(host.hub.ctx.db, context, readExtensions(true));
		} catch (err) {
			host.hub.ctx.log(`realtime ${topic}: read authorization failed: ${errorText(err)}`);
			if (!isPostgresError(err)) {
				// The database was busy or restarting: no fault of the caller's.
				host.joinGranted(identity);
				return refuse(`UnableToConnectToProject: ${DATABASE_UNAVAILABLE}`);
			}
			policies = { broadcast: { read: false }, presence: { read: false } };
		}
		if (!policies.broadcast.read && !policies.presence.read) {
			return refuseAdmitted(`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`);
		}
	}

	const [change] = config.postgresChanges;
	if (change) return refuseAdmitted(postgresChangesRefusal(change));
	if (!host.isOpen) return undefined;

	const channel = new Channel(host, {
		topic,
		subTopic,
		joinRef: message.joinRef,
		config,
		token,
		claims: check.claims,
		exp: check.exp,
		policies
	});
	host.joinGranted(identity);
	channel.open(message.ref);
	return channel;
}
