import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import * as client from 'openid-client';
import { appendAudit } from '../../db/audit';
import type { DB } from '../../db/schema';
import { revokeSession } from '../sessions';
import type { OidcProviderClient, ProviderTokens } from './provider-client';
import type { OidcTables } from './schema';
import type { Sealer } from './sealed';
import { groupsIn, type OidcSettings, roleFor } from './settings';

/** When the provider gives no lifetime for its access token, the desk asks again after this long. */
const defaultRecheckMs = 5 * 60_000;
/** A provider that does not answer is asked again this much later, rather than ending everyone's session. */
const unreachableRetryMs = 60_000;
const maxRemembered = 50_000;

type Tables = DB & OidcTables;

/**
 * Keeps sessions opened by single sign-on honest: when the provider's access token runs out, the desk asks
 * the provider again (a refresh). A provider that refuses (the account was disabled) or groups that no longer
 * map to a role end the session; a changed role ends it too, so the next sign-in picks up the new one.
 */
export class SsoSessions {
  /** Session id to when it must be checked next (epoch ms); null: not a single sign-on session. */
  readonly #due = new Map<string, number | null>();
  readonly #running = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly provider: OidcProviderClient,
    private readonly settings: OidcSettings,
    private readonly sealer: Sealer,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Stores what the session's later checks need, in the session's own transaction. */
  async remember(trx: Transaction<DB>, sessionId: string, tokens: ProviderTokens, now: number) {
    const recheckAt = now + (tokens.expiresIn === null ? defaultRecheckMs : tokens.expiresIn * 1000);
    await (trx as unknown as Transaction<Tables>)
      .insertInto('oidc_sessions')
      .values({
        session_id: sessionId,
        refresh_token: tokens.refreshToken === null ? null : this.sealer.seal(tokens.refreshToken),
        id_token: tokens.idToken === null ? null : this.sealer.seal(tokens.idToken),
        recheck_at: new Date(recheckAt),
      })
      .execute();
    this.#remember(sessionId, recheckAt);
  }

  /** The provider's ID token of a session (for the end-session request), or null. */
  async idTokenOf(sessionId: string): Promise<{ sso: boolean; idToken: string | null }> {
    const row = await this.#tables()
      .selectFrom('oidc_sessions')
      .select('id_token')
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    this.#due.delete(sessionId);
    if (!row) return { sso: false, idToken: null };
    return { sso: true, idToken: row.id_token === null ? null : this.sealer.open(row.id_token) };
  }

  /** False when the session has to end now (and has been ended). Cheap when nothing is due. */
  async stillValid(sessionId: string, user: { id: string; username: string; role: string }, now: number) {
    let due = this.#due.get(sessionId);
    if (due === undefined) {
      const row = await this.#tables()
        .selectFrom('oidc_sessions')
        .select('recheck_at')
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      due = row ? row.recheck_at.getTime() : null;
      this.#remember(sessionId, due);
    }
    if (due === null || now < due) return true;
    let running = this.#running.get(sessionId);
    if (!running) {
      running = this.#recheck(sessionId, user, now).finally(() => this.#running.delete(sessionId));
      this.#running.set(sessionId, running);
    }
    return running;
  }

  async #recheck(sessionId: string, user: { id: string; username: string; role: string }, now: number) {
    return this.#tables()
      .transaction()
      .execute(async (trx) => {
        // Locked, so that two instances never spend one refresh token twice (the second would be refused).
        const row = await trx
          .selectFrom('oidc_sessions')
          .selectAll()
          .where('session_id', '=', sessionId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return true;
        if (now < row.recheck_at.getTime()) {
          this.#remember(sessionId, row.recheck_at.getTime());
          return true;
        }
        const refreshToken = row.refresh_token === null ? null : this.sealer.open(row.refresh_token);
        const subject = await this.#subjectOf(trx, user.id);
        let reason: string;
        if (refreshToken === null || subject === null) {
          reason = 'no_refresh_token';
        } else {
          let tokens: ProviderTokens;
          try {
            tokens = await this.provider.refresh(refreshToken, subject);
          } catch (error) {
            if (!(error instanceof client.ResponseBodyError)) {
              this.log.warn({ err: error }, 'the identity provider did not answer a session check');
              this.#remember(sessionId, now + unreachableRetryMs);
              return true;
            }
            return this.#end(trx, sessionId, user, `provider_refused:${error.error}`, now);
          }
          const role = roleFor(groupsIn(tokens.claims, this.settings.rolesClaim), this.settings.roleMap);
          if (role === user.role) {
            const recheckAt = now + (tokens.expiresIn === null ? defaultRecheckMs : tokens.expiresIn * 1000);
            await trx
              .updateTable('oidc_sessions')
              .set({
                refresh_token: tokens.refreshToken === null ? null : this.sealer.seal(tokens.refreshToken),
                ...(tokens.idToken === null ? {} : { id_token: this.sealer.seal(tokens.idToken) }),
                recheck_at: new Date(recheckAt),
              })
              .where('session_id', '=', sessionId)
              .execute();
            this.#remember(sessionId, recheckAt);
            return true;
          }
          reason = role === null ? 'no_mapped_group' : 'role_changed';
        }
        return this.#end(trx, sessionId, user, reason, now);
      });
  }

  async #subjectOf(trx: Transaction<Tables>, userId: string): Promise<string | null> {
    const identity = await trx
      .selectFrom('oidc_identities')
      .select('subject')
      .where('user_id', '=', userId)
      .where('issuer', '=', this.settings.issuer)
      .executeTakeFirst();
    return identity?.subject ?? null;
  }

  async #end(
    trx: Transaction<Tables>,
    sessionId: string,
    user: { id: string; username: string },
    reason: string,
    now: number,
  ): Promise<false> {
    await revokeSession(trx as unknown as Kysely<DB>, sessionId, now);
    await appendAudit(trx, {
      actorUserId: user.id,
      actorUsername: user.username,
      action: 'auth.session_ended',
      at: new Date(now),
      details: { reason },
    });
    this.#due.delete(sessionId);
    return false;
  }

  #remember(sessionId: string, due: number | null) {
    if (this.#due.size >= maxRemembered) this.#due.clear();
    this.#due.set(sessionId, due);
  }

  #tables() {
    return this.db.withTables<OidcTables>();
  }
}
