/**
 * News as rules (pure): the kinds, and the Atom feed's XML (escaped by hand: every value is text
 * typed by staff).
 */
export const NEWS_KINDS = ['news', 'activity'] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

/** Text safe inside XML elements and attributes. */
export function xmlEscape(value: string): string {
  return value.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string,
  );
}

export interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  published: Date;
  updated: Date;
}

/** An Atom 1.0 feed (RFC 4287): newest first, `updated` the newest entry's (or `now` when empty). */
export function atomFeed(
  feed: { url: string; siteUrl: string; title: string; author: string; now: Date },
  entries: readonly FeedEntry[],
) {
  const updated = entries.reduce(
    (latest, e) => (e.updated > latest ? e.updated : latest),
    entries[0]?.updated ?? feed.now,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xmlEscape(feed.title)}</title>`,
    `  <id>${xmlEscape(feed.url)}</id>`,
    `  <link rel="self" href="${xmlEscape(feed.url)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.siteUrl)}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${xmlEscape(feed.author)}</name></author>`,
    ...entries.flatMap((e) => [
      '  <entry>',
      `    <title>${xmlEscape(e.title)}</title>`,
      `    <id>${xmlEscape(e.url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
      `    <published>${e.published.toISOString()}</published>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <summary>${xmlEscape(e.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}
