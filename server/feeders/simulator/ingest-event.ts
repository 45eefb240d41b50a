// The events the simulator sends to rpc('ingest_events'): the shared contract
// types (server/events/schema.ts), plus helpers to build one kind at a time.
import type { IngestEvent, IngestEventKind } from '../../events/schema.ts';

export type { AgentStateName, IngestEvent, IngestEventKind, LeadGrade as Grade } from '../../events/schema.ts';

export type EventOf<K extends IngestEventKind> = Extract<IngestEvent, { kind: K }>;

/** What a producer supplies; the log adds event_id, site_id and the ISO time. */
export type EventFields<K extends IngestEventKind> = Omit<EventOf<K>, 'event_id' | 'site_id' | 'at' | 'kind'>;
