import type { Request } from 'express';

/** The session cookie's name. */
export const SESSION_COOKIE = 'tideway_session';

/**
 * The cookie a sign-in sets: HTTP-only (page scripts cannot read it), SameSite=Strict (other sites'
 * pages cannot send it), for the whole site; `Secure` when the API is reached over HTTPS.
 */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  return [`${SESSION_COOKIE}=${token}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAge}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/** Tells the browser to forget the cookie (sign-out, or a session that ended). */
export const clearedSessionCookie = (secure: boolean) => sessionCookie('', new Date(0), secure);

/** The session token the request's `Cookie` header carries, if any. */
export function sessionToken(req: Request): string | undefined {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) return pair.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
