/** The single sign-on tables (migration 0010-single-sign-on). Tokens are stored sealed (see sealed.ts). */
export type OidcTables = {
  oidc_identities: OidcIdentitiesTable;
  oidc_sessions: OidcSessionsTable;
};

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Date;
  last_sign_in_at: Date;
}

export interface OidcSessionsTable {
  session_id: string;
  refresh_token: string | null;
  id_token: string | null;
  recheck_at: Date;
}
