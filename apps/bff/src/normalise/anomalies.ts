import type { Anomaly, AnomalyKind } from '@review-desk/contracts';

/** `parent.key`, or `parent[3]` for a list index key. */
export const joinPath = (parent: string, key: string): string =>
  parent === '' ? key : key.charCodeAt(0) === 91 /* [ */ ? parent + key : `${parent}.${key}`;

/** Collects what one normalisation tolerated; becomes CaseView.anomalies. */
export class AnomalyLog {
  readonly entries: Anomaly[] = [];

  /** Paths are joined here, only when something is reported, so reading a well-formed payload builds none. */
  add(parent: string, key: string, kind: AnomalyKind, detail: string, received?: unknown): void {
    const path = joinPath(parent, key);
    this.entries.push(
      received === undefined ? { path, kind, detail } : { path, kind, detail, received: jsonSafe(received) },
    );
  }
}

/** Raw values come from JSON, but a caller may hand anything; keep `received` serialisable. */
const jsonSafe = (value: unknown): unknown =>
  typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function'
    ? String(value)
    : value;
