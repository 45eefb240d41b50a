// The realtime transport for supabase-js in Node 20, which has no global
// WebSocket: `ws` behaves as the WHATWG constructor the client expects, but its
// typings name the event types differently, hence the one cast, kept here.
import type { WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';

export const nodeWebSocket = WebSocket as unknown as WebSocketLikeConstructor;
