export const SESSION_COOKIE = 'ladder_session';

/**
 * The operations UI keeps the person's token in an HttpOnly, SameSite=Strict cookie, so page scripts never
 * see it and no other site can send it (which is what stops cross-site request forgery).
 */
export function sessionToken(cookieHeader: string | string[] | undefined): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodedOrNothing(value.join('='));
  }
  return undefined;
}

/** A cookie that is not valid percent-encoding carries no token (the caller is then not signed in). */
function decodedOrNothing(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The token a request carries: `Authorization: Bearer <token>` first, else the session cookie. */
export function requestToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  return bearer ?? sessionToken(headers.cookie);
}

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function expiredSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
