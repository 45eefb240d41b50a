// Sign-in and sign-out, with the auth errors turned into the few cases the
// UI words differently. Everything else shows the server's message.
import type { AppSupabaseClient } from '$lib/supabase';

export type SignInFailure = 'invalid_credentials' | 'rate_limited' | 'unreachable' | 'other';

export class SignInError extends Error {
	override name = 'SignInError';
	constructor(
		readonly reason: SignInFailure,
		message: string
	) {
		super(message);
	}
}

export function classifySignInError(error: {
	code?: string;
	status?: number;
	name?: string;
	message: string;
}): SignInFailure {
	if (error.code === 'invalid_credentials') return 'invalid_credentials';
	if (error.status === 429 || error.code === 'over_request_rate_limit') return 'rate_limited';
	if (error.status === 0 || error.name === 'AuthRetryableFetchError') return 'unreachable';
	return 'other';
}

export async function signIn(client: AppSupabaseClient, email: string, password: string): Promise<void> {
	const { error } = await client.auth.signInWithPassword({ email: email.trim(), password });
	if (error) throw new SignInError(classifySignInError(error), error.message);
}

export async function signOut(client: AppSupabaseClient): Promise<void> {
	const { error } = await client.auth.signOut();
	if (error) throw error;
}
