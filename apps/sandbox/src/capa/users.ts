// Capa's partner users as the server holds them: the seeded population plus users created through the API, each
// with its latest completed KYC session and, once a verification link was generated, a pending session.

import type { MediaKind } from '../media/links';
import { internTags } from '../population/tags';
import type { CapaUserSeed, CapaUserType, KycDetails, SubjectProfile } from '../population/types';

export interface PendingSession {
  verificationSessionId: string;
  /** How it started: a KYC link, the legacy direct link, or KYC data sent directly (Option B). */
  flow: 'link' | 'legacy-link' | 'direct';
  country: string;
  partnerRedirectUri: string | null;
  createdAt: string;
  /** The legacy link's and Option B's personalInfo, as sent. */
  personalInfo?: { profession: string; phoneNumber: string; birthCountry: string; taxId?: string };
}

export interface CapaUserRecord extends CapaUserSeed {
  /** Started by a KYC link or a direct submission; replaced by the next one, cleared when it completes. */
  pendingSession: PendingSession | null;
  /** Completed sessions since the record was created (seeded sessions are not counted). */
  completedSessions: number;
  /** The session a KYB link started; the next link replaces it, completing it clears it. */
  pendingKybSessionId: string | null;
  /** KYB sessions completed since the record was created. */
  completedKybSessions: number;
}

export interface NewUser {
  type: CapaUserType;
  email: string;
  externalUserId: string;
  alias?: string;
}

export class CapaUsers {
  private readonly byId = new Map<string, CapaUserRecord>();
  private readonly idByExternalId = new Map<string, string>();

  constructor(seeds: readonly CapaUserSeed[]) {
    for (const seed of seeds) {
      this.add({
        ...seed,
        pendingSession: null,
        completedSessions: 0,
        pendingKybSessionId: null,
        completedKybSessions: 0,
      });
    }
  }

  private add(record: CapaUserRecord): void {
    this.byId.set(record.userId, record);
    this.idByExternalId.set(record.externalUserId, record.userId);
  }

  get(userId: string): CapaUserRecord | undefined {
    return this.byId.get(userId);
  }

  hasExternalId(externalUserId: string): boolean {
    return this.idByExternalId.has(externalUserId);
  }

  all(): IterableIterator<CapaUserRecord> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  create(user: NewUser, userId: string): CapaUserRecord {
    const name = user.alias ?? user.email;
    const record: CapaUserRecord = {
      userId,
      externalUserId: user.externalUserId,
      type: user.type,
      email: user.email,
      ...(user.alias ? { alias: user.alias } : {}),
      kycDetails: null,
      media: [],
      profile: { fullName: name, birthDate: null, idNumber: null, country: '' },
      scenarioTags: internTags(['capa', user.type.toLowerCase(), 'created', 'not_completed']),
      pendingSession: null,
      completedSessions: 0,
      pendingKybSessionId: null,
      completedKybSessions: 0,
    };
    this.add(record);
    return record;
  }

  startSession(record: CapaUserRecord, session: PendingSession): void {
    record.pendingSession = session;
  }

  /** The customer finished a session: its details become the user's latest, the scenario tags follow. */
  completeSession(
    record: CapaUserRecord,
    completed: { details: KycDetails; media: MediaKind[]; tags: string[]; profile: SubjectProfile },
  ): void {
    record.kycDetails = completed.details;
    record.media = completed.media;
    record.profile = completed.profile;
    record.pendingSession = null;
    record.completedSessions += 1;
    const kept = record.scenarioTags.filter((tag) =>
      ['capa', 'individual', 'created', 'cross-provider'].includes(tag),
    );
    record.scenarioTags = internTags([...kept, ...completed.tags]);
  }
}
