// A user's access token as GoTrue would issue it, signed with the keys'
// secret, so a spec can act as a user without the auth module.
import { signJwt, type ApiKeys } from '../../server/keys.ts';

/** Expired when expiresInS < 0. */
export function userToken(keys: ApiKeys, sub: string, expiresInS = 3600): string {
	const exp = Math.floor(Date.now() / 1000) + expiresInS;
	return signJwt({ sub, role: 'authenticated', aud: 'authenticated', exp }, keys.jwt_secret);
}
