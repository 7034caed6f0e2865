import { localized } from './i18n/index.js';

/** Where a reader shares a public page (news, a campaign): LINE (the app Thai readers use most) and Facebook. */
export function shareLinks(url: string): { line: string; facebook: string } {
  const encoded = encodeURIComponent(url);
  return {
    line: `https://social-plugins.line.me/lineit/share?url=${encoded}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
  };
}

type Bilingual = { th?: string; en?: string };

/**
 * What a shareable page adds to its view: the share links, the meta description, and the Open
 * Graph tags LINE and Facebook read (layouts/main.hbs), in the reader's language.
 */
export function sharingLocals(page: {
  url: string;
  type: 'article' | 'website';
  title: Bilingual;
  description: Bilingual;
  image: string | undefined;
  locale: 'th' | 'en';
}) {
  return {
    share: shareLinks(page.url),
    metaDescription: page.description,
    og: {
      type: page.type,
      url: page.url,
      title: localized(page.title, page.locale),
      description: localized(page.description, page.locale),
      image: page.image,
    },
  };
}
