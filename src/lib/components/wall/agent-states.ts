// Words and colours of agent states, declared once for every board.
import type { AgentState } from '$lib/live/agent-view';
import { m } from '$lib/paraglide/messages';

export const STATE_LABEL: Record<AgentState, () => string> = {
	available: m.wall_state_available,
	on_call: m.wall_state_on_call,
	wrap_up: m.wall_state_wrap_up,
	break: m.wall_state_break,
	lunch: m.wall_state_lunch,
	training: m.wall_state_training,
	meeting: m.wall_state_meeting,
	offline: m.wall_state_offline
};

export const STATE_COLOR: Record<AgentState, string> = {
	available: 'var(--ok)',
	on_call: 'var(--accent)',
	wrap_up: '#b48cff',
	break: 'var(--warn)',
	lunch: 'var(--warn)',
	training: '#6fc3c9',
	meeting: '#6fc3c9',
	offline: 'var(--text-dim)'
};
