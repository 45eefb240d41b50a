// The ServerContext a spec gives one API module it mounts alone (the app
// builds its own in server/app.ts): the public URL is the test server's own
// address, known once it listens, and client addresses come from the socket
// unless the spec names trusted proxies.
import type { ServerContext } from '../../server/context.ts';
import { clientAddressResolver } from '../../server/http/client-address.ts';

export interface SpecContext {
	ctx: ServerContext;
	/** Call with the server's URL once it listens. */
	listeningAt: (url: string) => void;
}

export function specContext(
	base: Pick<ServerContext, 'db' | 'keys' | 'log' | 'limits'>,
	options: { trustedProxies?: string[] } = {}
): SpecContext {
	let url: string | undefined;
	const ctx: ServerContext = {
		...base,
		publicUrl: () => {
			if (url === undefined) throw new Error('the spec server has not said where it listens');
			return url;
		},
		clientAddress: clientAddressResolver(options.trustedProxies)
	};
	return { ctx, listeningAt: (at) => (url = at) };
}
