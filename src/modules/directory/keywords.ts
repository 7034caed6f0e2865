/**
 * Search for Thai text. Thai is written without spaces between words, so a plain text index
 * cannot split it; Intl.Segmenter('th') finds the words. An organisation's keywords are the
 * words of its names and description; a search matches when every word of the query is a
 * keyword, or the start of one (so "สุริน" finds "สุรินทร์").
 */
const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

export function words(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(text.normalize('NFC').toLowerCase())) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

export function keywordsOf(...texts: (string | undefined | null)[]): string[] {
  return [...new Set(texts.flatMap((t) => (t ? words(t) : [])))];
}

/**
 * Whether an organisation answers a query: every word of the query appears in its joined text
 * (names and description, lower-case, without spaces) or begins one of its keywords. The query
 * is segmented once, then tried against every organisation.
 */
export function queryMatcher(query: string): (keywords: readonly string[], joined: string) => boolean {
  const q = query.normalize('NFC').toLowerCase().trim();
  if (!q) return () => true;
  const whole = q.replace(/\s+/g, '');
  const wanted = words(q);
  return (keywords, joined) =>
    joined.includes(whole) || (wanted.length > 0 && wanted.every((w) => joined.includes(w) || keywords.some((k) => k.startsWith(w))));
}

export function matchesQuery(keywords: readonly string[], joined: string, query: string): boolean {
  return queryMatcher(query)(keywords, joined);
}
