// Puts a node:http server on a free port of 127.0.0.1, for the specs that
// mount one API handler without the whole app.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandler } from '../../server/context.ts';

export interface Listening {
	url: string;
	port: number;
	/** Drops open connections, then closes the server. */
	close: () => Promise<void>;
}

export async function listen(server: Server): Promise<Listening> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

/** One API handler (auth, REST) answering every request, as the app mounts it under its prefix. */
export function serveApi(api: ApiHandler): Promise<Listening> {
	return listen(createServer((req, res) => void api(req, res, new URL(req.url ?? '/', 'http://localhost'))));
}
