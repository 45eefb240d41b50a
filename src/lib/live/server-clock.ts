// The server clock as seen from a TV whose own clock may be off by minutes:
// one request's midpoint against the time the server reported (Cristian's
// method). Ticking values (longest wait, time in state) use it.

/** Server minus local time in ms, from a request sent at `sentAt` and answered at `receivedAt` (local ms). */
export function clockOffset(sentAt: number, serverTime: number, receivedAt: number): number {
	return serverTime - (sentAt + receivedAt) / 2;
}
