/**
 * Search for Thai text. Thai is written without spaces between words, so a plain text index
 * cannot split it; Intl.Segmenter('th') finds the words. An organisation's keywords are the
 * words of its names and description; a search matches when every word of the query is a
 * keyword, or the start of one (so "สุริน" finds "สุรินทร์"). A word also matches an
 * organisation through the labels of its issue and target-group tags, in every language: the
 * tags are chosen from one list, the descriptions are written in Thai, so "elderly" finds the
 * groups tagged ผู้สูงอายุ whatever their description says.
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

/** The lists whose labels a search reads, named as on an organisation card. */
export type TagList = 'issues' | 'targetGroups';

/** One tag's labels (Thai and English), as words and joined without spaces. */
export interface TagLabel {
  list: TagList;
  value: string;
  keywords: string[];
  joined: string;
}

// Joining words inside labels ("Children and youth", "เด็กและเยาวชน") would tie every query word
// like "and" to a tag; they are left out of a label's words.
const LABEL_STOPWORDS = new Set(['and', 'or', 'of', 'the', 'with', 'และ', 'หรือ', 'กับ']);

export function tagLabel(list: TagList, value: string, labels: readonly string[]): TagLabel {
  return {
    list,
    value,
    keywords: keywordsOf(...labels).filter((w) => !LABEL_STOPWORDS.has(w)),
    joined: labels.map((l) => l.normalize('NFC').toLowerCase().replace(/\s+/g, '')).join('|'),
  };
}

/** What a search looks at on an organisation; the tags are optional (a bare text match). */
export interface Searchable {
  keywords: readonly string[];
  searchText: string;
  issues?: readonly string[];
  targetGroups?: readonly string[];
}

type TagSets = { issues: Set<string>; targetGroups: Set<string> };

function tagsWhere(labels: readonly TagLabel[], test: (label: TagLabel) => boolean): TagSets {
  const sets: TagSets = { issues: new Set(), targetGroups: new Set() };
  for (const label of labels) if (test(label)) sets[label.list].add(label.value);
  return sets;
}

const hasTag = (card: Searchable, sets: TagSets) =>
  (sets.issues.size > 0 && (card.issues ?? []).some((i) => sets.issues.has(i))) ||
  (sets.targetGroups.size > 0 && (card.targetGroups ?? []).some((t) => sets.targetGroups.has(t)));

/**
 * Whether an organisation answers a query: the whole query appears in its joined text (names and
 * description, lower-case, without spaces) or in a label of one of its tags; or every word of it
 * does, each in the text, as the start of a keyword, or as the start of a word of one of its tags'
 * labels. The query is segmented, and its tags found, once, then tried against every organisation.
 */
export function queryMatcher(query: string, labels: readonly TagLabel[] = []): (card: Searchable) => boolean {
  const q = query.normalize('NFC').toLowerCase().trim();
  if (!q) return () => true;
  const whole = q.replace(/\s+/g, '');
  const wanted = words(q);
  // A phrase ("older people") is looked for inside the labels; a short or joining word only at their start.
  const inLabel = (text: string) => text.startsWith(whole) || (whole.length >= 4 && text.includes(whole));
  const wholeTags = LABEL_STOPWORDS.has(whole)
    ? tagsWhere(labels, () => false)
    : tagsWhere(labels, (l) => l.joined.split('|').some(inLabel));
  const wordTags = wanted.map((w) => tagsWhere(labels, (l) => l.keywords.some((k) => k.startsWith(w))));
  return (card) =>
    card.searchText.includes(whole) ||
    hasTag(card, wholeTags) ||
    (wanted.length > 0 &&
      wanted.every(
        (w, i) =>
          card.searchText.includes(w) ||
          card.keywords.some((k) => k.startsWith(w)) ||
          hasTag(card, wordTags[i] as TagSets),
      ));
}

export function matchesQuery(keywords: readonly string[], joined: string, query: string): boolean {
  return queryMatcher(query)({ keywords, searchText: joined });
}
