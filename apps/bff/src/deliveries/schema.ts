import type { Provider } from '@review-desk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { StoreDB } from '../cases/schema';

/** The delivery tables (migration 0003-ingestion). The directory's names, birth dates and id numbers are PII. */
export type DeliveryTables = {
  deliveries: DeliveriesTable;
  subject_directory: SubjectDirectoryTable;
  directory_representatives: DirectoryRepresentativesTable;
  outbound_deliveries: OutboundDeliveriesTable;
};

export type DeliveryDB = StoreDB & DeliveryTables;

export type DeliveryStatus = 'pending' | 'processed' | 'unmatched' | 'failed';

export interface DeliveriesTable {
  id: Generated<string>;
  provider: Provider;
  received_at: Date;
  /** The body exactly as received. */
  body: string;
  /** sha256 of the body bytes, hex. */
  content_hash: string;
  dedupe_key: string;
  /** Capa's externalUserId, or connectFi's customerId, as the body names it. */
  external_user_id: string | null;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  processed_at: Date | null;
  /** No worker takes the row before this time: one is processing it, or it waits for its next retry. */
  lease_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** An identical delivery arrived while this one was being read: read the provider again afterwards (0007). */
  read_again: ColumnType<boolean, boolean | undefined, boolean>;
}
export type DeliveryRow = Selectable<DeliveriesTable>;

export interface SubjectDirectoryTable {
  provider: Provider;
  /** null for a connectFi customer the organisation created without its own reference. */
  external_user_id: string | null;
  subject_id: string;
  display_name: string | null;
  birth_date: string | null;
  id_number: string | null;
  email: string | null;
  updated_at: Date;
}
export type DirectoryRow = Selectable<SubjectDirectoryTable>;

/** A business's representatives as the directory knows them (migration 0021), keyed like the cases' links. */
export interface DirectoryRepresentativesTable {
  provider: Provider;
  customer_id: string;
  entity_id: string;
  display_name: string | null;
  birth_date: string | null;
  id_number: string | null;
  person_id_key: string | null;
  person_name_key: string | null;
  updated_at: Date;
}
export type DirectoryRepresentativeRow = Selectable<DirectoryRepresentativesTable>;

export type OutboundStatus = 'pending' | 'delivered' | 'failed';

export interface OutboundDeliveriesTable {
  id: Generated<string>;
  case_id: string;
  url: string;
  body: string;
  status: OutboundStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}
export type OutboundRow = Selectable<OutboundDeliveriesTable>;
