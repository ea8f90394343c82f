import type { DirectoryEntryInput, Provider } from '@review-desk/contracts';
import type { Kysely, Transaction } from 'kysely';
import { linkingKeys } from '../cases/linking';
import { Batcher } from '../db/batcher';
import type { DeliveryDB, DirectoryRepresentativeRow, DirectoryRow } from './schema';

const chunkSize = 500;

/**
 * The organisation's subject directory: which provider subject is which of its customers. Capa webhooks name
 * the externalUserId; the directory turns it into the userId to read. It also carries the names, birth dates
 * and id numbers that connectFi's status does not.
 */
export class SubjectDirectory {
  // The webhook worker looks up many deliveries at once: lookups asked for meanwhile share one query.
  readonly #lookups = new Batcher<{ provider: Provider; externalUserId: string }, DirectoryRow | undefined>(
    (lookups) => this.#lookUp(lookups),
  );

  constructor(
    private readonly db: Kysely<DeliveryDB>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Inserts or updates every entry (keyed by provider and subject id); returns how many were written. */
  async upsert(entries: readonly DirectoryEntryInput[]): Promise<number> {
    const now = this.clock();
    // One statement may not touch a row twice: the last entry for a subject wins.
    const bySubject = new Map<string, DirectoryEntryInput>();
    for (const entry of entries) bySubject.set(`${entry.provider}\u0000${entry.subjectId}`, entry);
    const unique = [...bySubject.values()];
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < unique.length; i += chunkSize) {
        const chunk = unique.slice(i, i + chunkSize);
        // An externalUserId handed to another subject leaves its old entry.
        for (const provider of ['capa', 'connectfi'] as const) {
          const keyed = chunk.filter((entry) => entry.provider === provider && entry.externalUserId !== null);
          if (keyed.length === 0) continue;
          await trx
            .updateTable('subject_directory')
            .set({ external_user_id: null, updated_at: now })
            .where('provider', '=', provider)
            .where(
              'external_user_id',
              'in',
              keyed.map((entry) => entry.externalUserId ?? ''),
            )
            .where(
              'subject_id',
              'not in',
              keyed.map((entry) => entry.subjectId),
            )
            .execute();
        }
        await trx
          .insertInto('subject_directory')
          .values(
            chunk.map((entry) => ({
              provider: entry.provider,
              external_user_id: entry.externalUserId,
              subject_id: entry.subjectId,
              display_name: entry.displayName ?? null,
              birth_date: entry.birthDate ?? null,
              id_number: entry.idNumber ?? null,
              email: entry.email ?? null,
              updated_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['provider', 'subject_id']).doUpdateSet((eb) => ({
              external_user_id: eb.ref('excluded.external_user_id'),
              display_name: eb.ref('excluded.display_name'),
              birth_date: eb.ref('excluded.birth_date'),
              id_number: eb.ref('excluded.id_number'),
              email: eb.ref('excluded.email'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
        await replaceRepresentatives(trx, chunk, now);
      }
    });
    return unique.length;
  }

  /** A business's representative by the entityId of its journey. */
  representative(
    provider: Provider,
    customerId: string,
    entityId: string,
  ): Promise<DirectoryRepresentativeRow | undefined> {
    return this.db
      .selectFrom('directory_representatives')
      .selectAll()
      .where('provider', '=', provider)
      .where('customer_id', '=', customerId)
      .where('entity_id', '=', entityId)
      .executeTakeFirst();
  }

  /** The businesses (provider and customer id) whose representatives include the person with these keys. */
  async businessesRepresentedBy(keys: {
    personIdKey: string | null;
    personNameKey: string | null;
  }): Promise<{ provider: Provider; customerId: string; matchedOn: 'id_number' | 'name_birth_date' }[]> {
    const { personIdKey, personNameKey } = keys;
    if (!personIdKey && !personNameKey) return [];
    const rows = await this.db
      .selectFrom('directory_representatives')
      .select(['provider', 'customer_id', 'person_id_key', 'person_name_key'])
      .where((eb) =>
        eb.or([
          ...(personIdKey ? [eb('person_id_key', '=', personIdKey)] : []),
          ...(personNameKey ? [eb('person_name_key', '=', personNameKey)] : []),
        ]),
      )
      .limit(100)
      .execute();
    return rows.map((row) => ({
      provider: row.provider,
      customerId: row.customer_id,
      matchedOn: personIdKey && row.person_id_key === personIdKey ? 'id_number' : 'name_birth_date',
    }));
  }

  byExternalUserId(provider: Provider, externalUserId: string): Promise<DirectoryRow | undefined> {
    return this.#lookups.submit({ provider, externalUserId });
  }

  async #lookUp(
    lookups: { provider: Provider; externalUserId: string }[],
  ): Promise<(DirectoryRow | undefined)[]> {
    const found = new Map<string, DirectoryRow>();
    for (const provider of new Set(lookups.map((lookup) => lookup.provider))) {
      const rows = await this.db
        .selectFrom('subject_directory')
        .selectAll()
        .where('provider', '=', provider)
        .where(
          'external_user_id',
          'in',
          lookups.filter((lookup) => lookup.provider === provider).map((lookup) => lookup.externalUserId),
        )
        .execute();
      for (const row of rows) found.set(`${provider}\u0000${row.external_user_id}`, row);
    }
    return lookups.map((lookup) => found.get(`${lookup.provider}\u0000${lookup.externalUserId}`));
  }

  bySubjectId(provider: Provider, subjectId: string): Promise<DirectoryRow | undefined> {
    return this.db
      .selectFrom('subject_directory')
      .selectAll()
      .where('provider', '=', provider)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
  }
}

/** Entries that list representatives replace the ones their business had; entries without the field keep them. */
async function replaceRepresentatives(
  trx: Transaction<DeliveryDB>,
  entries: readonly DirectoryEntryInput[],
  now: Date,
): Promise<void> {
  for (const entry of entries) {
    if (entry.representatives === undefined) continue;
    await trx
      .deleteFrom('directory_representatives')
      .where('provider', '=', entry.provider)
      .where('customer_id', '=', entry.subjectId)
      .execute();
    // One statement may not touch a row twice: the last listing of an entity wins.
    const byEntity = new Map(entry.representatives.map((rep) => [rep.entityId, rep]));
    if (byEntity.size === 0) continue;
    await trx
      .insertInto('directory_representatives')
      .values(
        [...byEntity.values()].map((rep) => {
          const keys = linkingKeys({
            subjectType: 'individual',
            displayName: rep.displayName ?? null,
            birthDate: rep.birthDate ?? null,
            idNumber: rep.idNumber ?? null,
            taxId: null,
          });
          return {
            provider: entry.provider,
            customer_id: entry.subjectId,
            entity_id: rep.entityId,
            display_name: rep.displayName ?? null,
            birth_date: rep.birthDate ?? null,
            id_number: rep.idNumber ?? null,
            person_id_key: keys.person_id_key,
            person_name_key: keys.person_name_key,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
}
