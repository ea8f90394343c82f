// Scenario tags repeat across subjects (a 100k population holds about a million tag references but only a few
// hundred distinct tags), so each distinct tag is stored once.

const known = new Map<string, string>();

export function internTags(tags: readonly string[]): string[] {
  return tags.map((tag) => {
    const existing = known.get(tag);
    if (existing !== undefined) return existing;
    known.set(tag, tag);
    return tag;
  });
}
