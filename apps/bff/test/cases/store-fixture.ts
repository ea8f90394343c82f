import type { CaseView, FourEyesPolicy, Role } from '@review-desk/contracts';
import type { ActionContext, Actor } from '../../src/cases/core';
import { type CaseInput, caseInputFromView } from '../../src/cases/intake';
import type { CaseTables } from '../../src/cases/schema';
import { CaseStore } from '../../src/cases/store';
import type { Database } from '../../src/db/database';
import type { TestEngine } from '../helpers/db';
import { storeClock } from './harness';

/** A migrated database with a case store and as many staff as a test needs (no passwords: no sign-in). */
export async function storeFixture(engine: TestEngine, options: { fourEyes?: FourEyesPolicy } = {}) {
  const database: Database = await engine.migrated();
  const clock = storeClock();
  const views = new Map<string, CaseView>();
  const store = new CaseStore(database.db, {
    clock: clock.now,
    ...(options.fourEyes ? { fourEyes: options.fourEyes } : {}),
  });
  let counter = 0;

  async function staff(role: Role, count = 1): Promise<ActionContext[]> {
    const rows = await database.db
      .insertInto('users')
      .values(
        Array.from({ length: count }, () => {
          counter++;
          return {
            username: `${role}-${counter}`,
            display_name: `${role} ${counter}`,
            role,
            password_hash: 'not-a-password-hash',
          };
        }),
      )
      .returning(['id', 'username', 'role'])
      .execute();
    return rows.map((row) => ({ actor: row as Actor, requestId: null }));
  }

  return {
    db: database.db.withTables<CaseTables>(),
    store,
    clock,
    staff,
    views,
    loadView: async (provider: string, id: string) => {
      const view = views.get(`${provider}:${id}`);
      if (!view) throw new Error(`no fixture view for ${provider}:${id}`);
      return view;
    },
    async ingest(view: CaseView, overrides: Partial<CaseInput> = {}) {
      views.set(`${view.provider}:${view.subject.id}`, view);
      // Tests move the store clock: the session is taken to start waiting as the desk reads it.
      const result = await store.openOrUpdateCase({
        ...caseInputFromView(view),
        providerSince: null,
        ...overrides,
      });
      if (!result.case) throw new Error('the view did not open a case');
      return result.case;
    },
  };
}
