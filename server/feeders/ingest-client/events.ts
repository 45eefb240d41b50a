// The ingest contract as the feeders see it: the one module under
// server/feeders/ that imports the shared event schemas, so that when those
// move, only this line of imports follows them.
export {
	ingestBatch,
	ingestEvent,
	ingestResult,
	MAX_BATCH_EVENTS,
	type AgentStateName,
	type IngestEvent,
	type IngestEventKind,
	type IngestResult,
	type LeadGrade
} from '../../events/schema.ts';
