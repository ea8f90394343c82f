import type { ReactNode } from 'react';

/**
 * A string from a provider: isolated for bidirectional text so right-to-left names read correctly and don't
 * reorder the surrounding label, and always rendered as text (React escapes it), never as markup.
 */
export function UpstreamText({ children }: { children: ReactNode }) {
  return <bdi dir="auto">{children}</bdi>;
}

/** A possibly missing provider string: the text, or a plain "Not given". */
export function OptionalText({
  value,
  empty = 'Not given',
}: {
  value: string | null | undefined;
  empty?: string;
}) {
  if (value === null || value === undefined || value === '') {
    return <span style={{ fontStyle: 'italic', opacity: 0.75 }}>{empty}</span>;
  }
  return <UpstreamText>{value}</UpstreamText>;
}
