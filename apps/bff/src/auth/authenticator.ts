import type { Role, SessionUser } from '@review-desk/contracts';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../db/audit';
import type { DB, JsonObject, UserRow } from '../db/schema';
import { ApiError } from '../errors';
import { type AccessClaims, type AccessTokens, isAccessClaims } from './access-token';
import { csrfTokenFor } from './csrf';
import { type Lockout, LoginThrottle } from './login-throttle';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { SessionCache } from './session-cache';
import {
  createSession,
  loadSession,
  revokeSession,
  type SessionPolicy,
  type SessionRecord,
  sessionState,
  touchSession,
} from './sessions';
import { findUserByUsername, normaliseUsername } from './users';
import { VerifiedTokens } from './verified-tokens';

/** The signed-in user of a request (`request.user`). */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

export interface AuthSettings {
  policy: SessionPolicy;
  tokenTtlSeconds: number;
  /** Key of the CSRF token HMAC. */
  secret: string;
  /** False when the BFF talks to real providers: demo accounts may not sign in then. */
  demoUsersAllowed: boolean;
  now: () => number;
}

/** Where a request came from, for the session row and the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export type SignInResult =
  | { outcome: 'signed_in'; user: SessionUser; sessionId: string; token: string; csrfToken: string }
  | { outcome: 'invalid_credentials' }
  | { outcome: 'locked'; retryAfterSeconds: number }
  | { outcome: 'demo_user_refused' };

export interface Authentication {
  user: AuthenticatedUser;
  /** A fresh access token when the presented one is past half its life (or expired within the idle time). */
  renewedToken: string | null;
}

// Writes of last_seen_at are spaced out: the idle timeout is in minutes, so a session's activity needs
// recording only now and then, not on every request.
const touchIntervalMs = 30_000;

/** Sign-in, sign-out, and authentication of each request against its server-side session. */
export class Authenticator {
  readonly #endedListeners = new Set<(sessionId: string) => void>();
  readonly #throttle = new LoginThrottle();
  readonly #cache = new SessionCache();
  readonly #verified = new VerifiedTokens();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly tokens: AccessTokens,
    private readonly settings: AuthSettings,
  ) {}

  /** Names slowed down and addresses locked out of sign-in now, on this instance. */
  lockouts(): Lockout[] {
    return this.#throttle.lockouts(this.settings.now());
  }

  csrfToken(sessionId: string): string {
    return csrfTokenFor(this.settings.secret, sessionId);
  }

  async signIn(username: string, password: string, origin: RequestOrigin): Promise<SignInResult> {
    const name = normaliseUsername(username);
    const now = this.settings.now();
    const user = await findUserByUsername(this.db, name);
    const address = origin.ip ?? 'unknown';
    const waitMs = this.#throttle.retryAfterMs(name, address, now);
    if (waitMs > 0) {
      await this.#auditFailure(user, 'locked', origin, now);
      return { outcome: 'locked', retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }

    const passwordOk = user
      ? await verifyPassword(password, user.password_hash)
      : await verifyAgainstDummy(password);
    if (!user || !passwordOk || user.disabled) {
      this.#throttle.recordFailure(name, address, now);
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'user_disabled';
      await this.#auditFailure(user, reason, origin, now);
      return { outcome: 'invalid_credentials' };
    }
    if (user.is_demo && !this.settings.demoUsersAllowed) {
      await this.#auditFailure(user, 'demo_user_refused', origin, now);
      return { outcome: 'demo_user_refused' };
    }

    this.#throttle.reset(name, address);
    const sessionId = await this.db.transaction().execute(async (trx) => {
      const id = await createSession(trx, {
        userId: user.id,
        now,
        policy: this.settings.policy,
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
      await appendAudit(trx, {
        actorUserId: user.id,
        actorUsername: user.username,
        action: 'auth.login',
        requestId: origin.requestId,
        at: new Date(now),
        details: { ip: origin.ip },
      });
      return id;
    });
    return {
      outcome: 'signed_in',
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
      sessionId,
      token: this.#sign(user.id, sessionId, user.role, now),
      csrfToken: this.csrfToken(sessionId),
    };
  }

  /**
   * Opens a session for a user someone else authenticated (single sign-on): the same session, tokens and
   * audit row as a password sign-in. `within` runs in the session's transaction (to keep what the sign-in
   * method needs beside it).
   */
  async openSession(
    user: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role'>,
    origin: RequestOrigin,
    details: JsonObject,
    within: (trx: Transaction<DB>, sessionId: string) => Promise<void>,
  ): Promise<Extract<SignInResult, { outcome: 'signed_in' }>> {
    const now = this.settings.now();
    const sessionId = await this.db.transaction().execute(async (trx) => {
      const id = await createSession(trx, {
        userId: user.id,
        now,
        policy: this.settings.policy,
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
      await within(trx, id);
      await appendAudit(trx, {
        actorUserId: user.id,
        actorUsername: user.username,
        action: 'auth.login',
        requestId: origin.requestId,
        at: new Date(now),
        details: { ip: origin.ip, ...details },
      });
      return id;
    });
    return {
      outcome: 'signed_in',
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
      sessionId,
      token: this.#sign(user.id, sessionId, user.role, now),
      csrfToken: this.csrfToken(sessionId),
    };
  }

  /**
   * Sessions an administrator ended (a disabled account, a new password): refused here at once rather than
   * when the cache entry ages out, and what they hold open (event streams) ends too.
   */
  ended(sessionIds: readonly string[]): void {
    for (const id of sessionIds) {
      this.#cache.delete(id);
      for (const listener of [...this.#endedListeners]) listener(id);
    }
  }

  /** Ends a session from outside a request of it (single sign-on found the person lost access). */
  forget(sessionId: string): void {
    this.#cache.delete(sessionId);
  }

  /** Throws a 401 ApiError unless the token names a live session of an enabled user. */
  async authenticate(token: string | undefined): Promise<Authentication> {
    if (!token) throw unauthenticated('no_session');
    const now = this.settings.now();
    const claims = this.#verifiedClaims(token, now);
    const expiredAt = claims.exp * 1000;
    // An expired token still renews while its session is alive, but not one that expired longer ago than a
    // session may sit idle: no live session can be behind it.
    if (now - expiredAt >= this.settings.policy.idleMs) throw unauthenticated('session_expired');

    const session = await this.#liveSession(claims.sid, now);
    if (!session || session.userId !== claims.sub) throw unauthenticated('session_expired');
    if (session.isDemo && !this.settings.demoUsersAllowed) throw unauthenticated('session_ended');

    if (now - session.lastSeenAt >= touchIntervalMs) {
      await touchSession(this.db, session.id, now);
      this.#cache.set({ ...session, lastSeenAt: now }, now);
    }
    const ageMs = now - claims.iat * 1000;
    const renew = now >= expiredAt || ageMs >= (this.settings.tokenTtlSeconds * 1000) / 2;
    return {
      user: {
        id: session.userId,
        username: session.username,
        displayName: session.displayName,
        role: session.role,
        sessionId: session.id,
      },
      renewedToken: renew ? this.#sign(session.userId, session.id, session.role, now) : null,
    };
  }

  /**
   * Whether the user's session is still alive, without counting this as activity (an open event stream must
   * not keep an idle session alive).
   */
  async stillAlive(user: AuthenticatedUser): Promise<boolean> {
    const session = await this.#liveSession(user.sessionId, this.settings.now());
    if (!session || session.userId !== user.id) return false;
    return !(session.isDemo && !this.settings.demoUsersAllowed);
  }

  /** Called with the id of each session signed out here, so what it holds open (event streams) ends too. */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  async signOut(user: AuthenticatedUser, origin: RequestOrigin): Promise<void> {
    const now = this.settings.now();
    this.#cache.delete(user.sessionId);
    for (const listener of [...this.#endedListeners]) listener(user.sessionId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await revokeSession(trx, user.sessionId, now))) return;
      await appendAudit(trx, {
        actorUserId: user.id,
        actorUsername: user.username,
        action: 'auth.logout',
        requestId: origin.requestId,
        at: new Date(now),
      });
    });
  }

  /** The claims of a token signed with our key (checked once per token, see VerifiedTokens); else a 401. */
  #verifiedClaims(token: string, now: number): Readonly<AccessClaims> {
    const known = this.#verified.get(token, now);
    if (known) return known;
    let claims: AccessClaims;
    try {
      const payload = this.tokens.verify(token);
      if (!isAccessClaims(payload)) throw new Error('unexpected claims');
      claims = payload;
    } catch {
      throw unauthenticated('invalid_token');
    }
    this.#verified.set(token, claims, now);
    return claims;
  }

  /** The session if it is alive now: from the cache when fresh, else (or when the cache says no) the table. */
  async #liveSession(id: string, now: number): Promise<SessionRecord | undefined> {
    const cached = this.#cache.get(id, now);
    if (cached && sessionState(cached, now, this.settings.policy) === 'active') return cached;
    const stored = await loadSession(this.db, id);
    if (!stored || sessionState(stored, now, this.settings.policy) !== 'active') {
      this.#cache.delete(id);
      return undefined;
    }
    this.#cache.set(stored, now);
    return stored;
  }

  #sign(userId: string, sessionId: string, role: Role, now: number): string {
    const iat = Math.floor(now / 1000);
    return this.tokens.sign({
      sub: userId,
      sid: sessionId,
      role,
      iat,
      exp: iat + this.settings.tokenTtlSeconds,
    });
  }

  /**
   * A name that matches no account is not recorded: people type passwords into the username field, and
   * the audit trail keeps everything forever.
   */
  async #auditFailure(user: UserRow | undefined, reason: string, origin: RequestOrigin, now: number) {
    const details: JsonObject = { reason, ip: origin.ip };
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorUserId: user?.id ?? null,
        actorUsername: user?.username ?? '(unknown)',
        action: 'auth.login_failed',
        requestId: origin.requestId,
        at: new Date(now),
        details,
      }),
    );
  }
}

function unauthenticated(reason: string): ApiError {
  return new ApiError(401, 'unauthenticated', 'Sign in to continue', { reason });
}
