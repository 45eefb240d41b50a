// The delivery part of a feeder's closing summary, the same for every feeder.
import type { DeliveryStats } from './event-batcher.ts';

const REJECTIONS_PRINTED = 20;

export function formatDelivery(stats: DeliveryStats, dryRun = false): string {
	const lines = [
		`delivered: ${stats.accepted} accepted, ${stats.duplicates} duplicates, ${stats.rejected} refused, ` +
			`${stats.dropped} dropped, in ${stats.batches} batch(es) with ${stats.retries} retries` +
			(dryRun ? ' (dry run: nothing sent)' : '')
	];
	for (const r of stats.rejections.slice(0, REJECTIONS_PRINTED)) {
		lines.push(`refused event #${r.index} ${r.event_id} (${r.kind}): ${r.reason}`);
	}
	if (stats.rejected > REJECTIONS_PRINTED) lines.push(`… and ${stats.rejected - REJECTIONS_PRINTED} more refused`);
	if (stats.fatal) lines.push(`delivery stopped: ${stats.fatal}`);
	if (stats.dropped > 0) lines.push('dropped events were not sent; run again to send them (their ids dedupe)');
	return lines.join('\n');
}
