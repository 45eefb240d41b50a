// The queue id comes from the URL: checked here, so a typo shows "no such
// queue" instead of a query with a malformed uuid.
import * as z from 'zod/mini';
import type { PageLoad } from './$types';

const QueueId = z.uuid();

export const load = (({ params }) => {
	const parsed = QueueId.safeParse(params.id);
	return { queueId: parsed.success ? parsed.data : null };
}) satisfies PageLoad;
