// Puts a node:http server on a port of 127.0.0.1 (a free one unless a restart
// asks for its old one): the API of ./test-api.ts, and stand-in servers.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
	url: string;
	port: number;
	/** Drops open connections, then closes the server. */
	close: () => Promise<void>;
}

/** Listens on `port` (0: any free one; a restart passes the port it had). */
export async function listen(server: Server, port = 0): Promise<Listening> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}`,
		port: address.port,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
