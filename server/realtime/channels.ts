// Who is joined to what: topic key → joined channels and that topic's
// presence. Like Realtime's tenant topics, a private and a public channel
// of the same name are different topics, so a public joiner never sees what
// is sent to the private one. Fan-out encodes each message once per
// protocol version and skips private channels whose read was not granted.
import { TopicPresence, type PresenceDiff, type PresenceMap } from './presence.ts';
import { encodeMessage, encodeUserBroadcast, type UserBroadcast, type Vsn } from './serializer.ts';

export type OutboundBroadcast =
	{ kind: 'user'; broadcast: UserBroadcast } | { kind: 'json'; payload: Record<string, unknown> };

/** One joined channel as the registry sees it. */
export interface Subscriber {
	readonly id: string;
	readonly vsn: Vsn;
	/** The joined topic, 'realtime:<sub-topic>'. */
	readonly topic: string;
	readonly isPrivate: boolean;
	/** Public channels always; private ones only with the read policy granted. */
	canReadBroadcast(): boolean;
	canReadPresence(): boolean;
	send(frame: string | Buffer): void;
}

export function topicKey(subTopic: string, isPrivate: boolean): string {
	return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

interface Topic {
	subscribers: Set<Subscriber>;
	presence: TopicPresence;
}

export class ChannelRegistry {
	#topics = new Map<string, Topic>();
	readonly #makeRef: (() => string) | undefined;

	constructor(makePresenceRef?: () => string) {
		this.#makeRef = makePresenceRef;
	}

	/** Whether anyone at all is joined (the database fan-out skips work otherwise). */
	get isEmpty(): boolean {
		return this.#topics.size === 0;
	}

	has(key: string): boolean {
		return (this.#topics.get(key)?.subscribers.size ?? 0) > 0;
	}

	add(key: string, subscriber: Subscriber): void {
		let topic = this.#topics.get(key);
		if (!topic) {
			topic = { subscribers: new Set(), presence: new TopicPresence(this.#makeRef) };
			this.#topics.set(key, topic);
		}
		topic.subscribers.add(subscriber);
	}

	/** Removes a channel and its presence (others see it leave). */
	remove(key: string, subscriber: Subscriber): void {
		const topic = this.#topics.get(key);
		if (!topic || !topic.subscribers.delete(subscriber)) return;
		const diff = topic.presence.untrack(subscriber.id);
		if (diff) this.#sendDiff(topic, diff);
		if (topic.subscribers.size === 0) this.#topics.delete(key);
	}

	/** Sends to every readable channel of the topic except `except`; returns how many got it. */
	broadcast(key: string, message: OutboundBroadcast, except?: Subscriber): number {
		const topic = this.#topics.get(key);
		if (!topic) return 0;
		const cache = new Map<string, string | Buffer | undefined>();
		let delivered = 0;
		for (const subscriber of topic.subscribers) {
			if (subscriber === except || !subscriber.canReadBroadcast()) continue;
			const cacheKey = `${subscriber.vsn} ${subscriber.topic}`;
			if (!cache.has(cacheKey)) cache.set(cacheKey, encodeBroadcast(subscriber.vsn, subscriber.topic, message));
			const frame = cache.get(cacheKey);
			if (frame === undefined) continue;
			subscriber.send(frame);
			delivered++;
		}
		return delivered;
	}

	/** Tracks the channel's presence; false when nothing changed. */
	track(key: string, subscriber: Subscriber, presenceKey: string, payload: Record<string, unknown>): boolean {
		const topic = this.#topics.get(key);
		if (!topic || !topic.subscribers.has(subscriber)) return false;
		const diff = topic.presence.track(subscriber.id, presenceKey, payload);
		if (diff) this.#sendDiff(topic, diff);
		return diff !== undefined;
	}

	untrack(key: string, subscriber: Subscriber): void {
		const topic = this.#topics.get(key);
		const diff = topic?.presence.untrack(subscriber.id);
		if (topic && diff) this.#sendDiff(topic, diff);
	}

	presenceState(key: string): PresenceMap {
		return this.#topics.get(key)?.presence.list() ?? {};
	}

	#sendDiff(topic: Topic, diff: PresenceDiff): void {
		const cache = new Map<string, string>();
		for (const subscriber of topic.subscribers) {
			if (!subscriber.canReadPresence()) continue;
			const cacheKey = `${subscriber.vsn} ${subscriber.topic}`;
			let frame = cache.get(cacheKey);
			if (frame === undefined) {
				frame = encodeMessage(subscriber.vsn, {
					joinRef: null,
					ref: null,
					topic: subscriber.topic,
					event: 'presence_diff',
					payload: diff
				});
				cache.set(cacheKey, frame);
			}
			subscriber.send(frame);
		}
	}
}

function encodeBroadcast(vsn: Vsn, topic: string, message: OutboundBroadcast): string | Buffer | undefined {
	if (message.kind === 'user') return encodeUserBroadcast(vsn, topic, message.broadcast);
	return encodeMessage(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload: message.payload });
}
