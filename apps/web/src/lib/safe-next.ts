const PLACEHOLDER_ORIGIN = 'https://review-desk.invalid';

/**
 * The `next` of /login?next=… is attacker-controllable, so only a same-origin relative path is followed:
 * "/cases/1?x=y" passes; "https://evil.example", "//evil.example", "/\\evil.example" and "javascript:…" fall
 * back to `fallback`.
 */
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  if (url.pathname === '/login') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
