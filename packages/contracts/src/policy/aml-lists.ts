import type { AmlEntityHit } from '../case-view/sections';

/**
 * What kind of list an AML listing is on. Capa sends each entity hit's listings (`amlHits`) in a shape its
 * documentation leaves open, so the type is read from the listing's own `listType` (or `type`), else from its
 * list name. A listing that says neither is `unclassified`, which the policy treats like a sanctions list: the
 * desk cannot tell that it is not one.
 */
export const amlListTypes = ['sanction', 'pep', 'adverse_media', 'unclassified'] as const;
export type AmlListType = (typeof amlListTypes)[number];

export const amlListTypeLabels: Record<AmlListType, string> = {
  sanction: 'Sanctions',
  pep: 'PEP',
  adverse_media: 'Adverse media',
  unclassified: 'Unclassified list',
};

export interface AmlListing {
  listName: string | null;
  listType: AmlListType;
  sourceName: string | null;
  /** An http(s) address of the source; null for anything else, so it is safe as a link. */
  url: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

function classify(value: string | null): AmlListType | null {
  if (value === null) return null;
  const words = value.toLowerCase().replaceAll(/[^a-z]+/g, ' ');
  if (/\bsanction/.test(words) || /\bsdn\b/.test(words) || /\bbloquead/.test(words)) return 'sanction';
  if (/\bpep\b/.test(words) || /politically exposed/.test(words)) return 'pep';
  if (/adverse/.test(words) || /\bmedia\b/.test(words)) return 'adverse_media';
  return null;
}

function safeUrl(value: unknown): string | null {
  const candidate = text(value);
  if (candidate === null) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The listings of one entity hit, each with its list type. */
export function listingsOf(hit: Pick<AmlEntityHit, 'amlHits'>): AmlListing[] {
  return hit.amlHits.map((raw) => {
    const listing = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const listName = text(listing.listName) ?? text(listing.name) ?? (typeof raw === 'string' ? raw : null);
    return {
      listName,
      listType:
        classify(text(listing.listType) ?? text(listing.type)) ?? classify(listName) ?? 'unclassified',
      sourceName: text(listing.sourceName) ?? text(listing.source),
      url: safeUrl(listing.url),
    };
  });
}

/** The list types of one entity hit, most severe first; `unclassified` when it names no listing at all. */
export function listTypesOf(hit: Pick<AmlEntityHit, 'amlHits'>): AmlListType[] {
  const found = new Set(listingsOf(hit).map((listing) => listing.listType));
  if (found.size === 0) return ['unclassified'];
  return amlListTypes.filter((type) => found.has(type));
}

/** Lists whose true match bars approval outright. */
export const barsApproval = (type: AmlListType): boolean => type === 'sanction' || type === 'unclassified';
