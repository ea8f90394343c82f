/**
 * Who may call what: every API operation, for a caller who is signed out and for each role, with the answer
 * the desk gives. `ok` means the request gets past access control (the route itself answers, 2xx or a 4xx
 * about the request); 401 and 403 are refusals by access control. matrix.test.ts checks every row against
 * the running app and fails when a route has no row (or a row no route).
 *
 * Add a row here for every route you add. The principles: personal data is for reviewers and support, never
 * admins; support reads and investigates but changes nothing; admins run the desk (users, audit, deliveries).
 */

export const ok = 'ok';
export type Expected = typeof ok | 401 | 403;

/** The columns, in order. */
export const callers = ['signed out', 'analyst', 'senior', 'support', 'admin'] as const;
export type Caller = (typeof callers)[number];

export type Row = readonly [
  signedOut: Expected,
  analyst: Expected,
  senior: Expected,
  support: Expected,
  admin: Expected,
];

// biome-ignore format: the table is read as a table
export const matrix: Readonly<Record<string, Row>> = {
  //                                                 signed out  analyst  senior  support  admin
  'POST /api/auth/login':                            [ok,         ok,      ok,     ok,      ok ],
  'POST /api/auth/logout':                           [401,        ok,      ok,     ok,      ok ],
  'GET /api/auth/me':                                [ok,         ok,      ok,     ok,      ok ],
  'GET /api/auth/config':                            [ok,         ok,      ok,     ok,      ok ],
  'GET /api/auth/lockouts':                          [401,        403,     403,    403,     ok ],
  'GET /api/auth/oidc/login':                        [ok,         ok,      ok,     ok,      ok ],
  'GET /api/auth/oidc/callback':                     [ok,         ok,      ok,     ok,      ok ],
  'GET /api/auth/oidc/settings':                     [401,        403,     403,    403,     ok ],
  'GET /api/docs/json':                              [401,        ok,      ok,     ok,      ok ],
  'GET /api/events':                                 [401,        ok,      ok,     ok,      ok ],

  'GET /api/subjects/capa/:userId':                  [401,        ok,      ok,     ok,      403],
  'GET /api/subjects/connectfi/:customerId':         [401,        ok,      ok,     ok,      403],
  'GET /api/subjects/:provider/:id/raw':             [401,        403,     ok,     403,     403],
  'POST /api/subjects/:provider/:id/reveal':         [401,        ok,      ok,     ok,      403],
  'GET /api/subjects/:provider/:id/media/:kind':     [401,        ok,      ok,     ok,      403],
  'POST /api/subjects/:provider/:id/flags':          [401,        403,     403,    ok,      403],

  'GET /api/cases':                                  [401,        ok,      ok,     ok,      ok ],
  'POST /api/cases':                                 [401,        ok,      ok,     403,     403],
  'POST /api/cases/next':                            [401,        ok,      ok,     403,     403],
  'POST /api/cases/bulk':                            [401,        403,     ok,     403,     ok ],
  'GET /api/cases/:id':                              [401,        ok,      ok,     ok,      403],
  'POST /api/cases/:id/claim':                       [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/release':                     [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/decision':                    [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/dispositions':                [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/notes':                       [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/evidence-viewed':             [401,        ok,      ok,     403,     403],
  'GET /api/cases/:id/directory-record':             [401,        ok,      ok,     ok,      403],
  'GET /api/cases/:id/representatives/:entityId':   [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/reveal':                      [401,        ok,      ok,     ok,      403],
  'POST /api/cases/:id/kyc-link':                    [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/disagreement':                [401,        403,     ok,     403,     403],
  'GET /api/cases/:id/documents':                    [401,        ok,      ok,     ok,      403],
  'POST /api/cases/:id/documents':                   [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/documents/attach':            [401,        ok,      ok,     403,     403],
  'POST /api/cases/:id/flags':                       [401,        403,     403,    ok,      403],
  'GET /api/flags':                                  [401,        ok,      ok,     403,     403],
  'POST /api/flags/:id/handled':                     [401,        ok,      ok,     403,     403],
  'GET /api/views':                                  [401,        ok,      ok,     ok,      ok ],
  'POST /api/views':                                 [401,        ok,      ok,     ok,      ok ],
  'PATCH /api/views/:id':                            [401,        ok,      ok,     ok,      ok ],
  'DELETE /api/views/:id':                           [401,        ok,      ok,     ok,      ok ],
  'GET /api/cases/:id/evidence-pack.pdf':            [401,        403,     ok,     403,     ok ],

  'GET /api/audit':                                  [401,        403,     ok,     403,     ok ],
  'GET /api/audit/export':                           [401,        403,     ok,     403,     ok ],
  'GET /api/audit/verify':                           [401,        403,     403,    403,     ok ],

  'POST /api/directory/import':                      [401,        403,     403,    403,     ok ],
  'GET /api/directory/unmatched':                    [401,        403,     403,    403,     ok ],
  'GET /api/deliveries/inbound':                     [401,        403,     403,    403,     ok ],
  'POST /api/deliveries/inbound/:id/retry':          [401,        403,     403,    403,     ok ],
  'GET /api/deliveries/outbound':                    [401,        403,     403,    403,     ok ],
  'POST /api/deliveries/outbound/:id/retry':         [401,        403,     403,    403,     ok ],
  'GET /api/webhooks/urls':                          [401,        403,     403,    403,     ok ],
  'POST /api/reconcile':                             [401,        403,     403,    403,     ok ],

  'GET /api/users':                                  [401,        403,     403,    403,     ok ],
  'POST /api/users':                                 [401,        403,     403,    403,     ok ],
  'PATCH /api/users/:username':                      [401,        403,     403,    403,     ok ],
  'POST /api/users/:username/password':              [401,        403,     403,    403,     ok ],
};
