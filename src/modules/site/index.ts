/**
 * The site module: the foundation's public pages (about, contact, privacy notice, tax
 * deduction) and its own details, edited by staff, versioned. Other code imports only this file.
 */
export { siteRouter } from './site.routes.js';
export {
  SITE_PAGES,
  seedSitePages,
  sitePagesSeeded,
  getFoundationDetails,
  type SitePageSeed,
  type SitePageSlug,
} from './site.service.js';
export { textBlocks, type TextBlock } from '../../shared/text-blocks.js';
