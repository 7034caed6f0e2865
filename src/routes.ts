/** Mounts each module's router (webhooks come first in app.ts, before the body parsers). */
import type { Express } from 'express';
import type { AppConfig } from './config/index.js';
import { accountsRouter } from './modules/accounts/index.js';
import { adminRouter, landingFor, myDataSources } from './modules/admin/index.js';
import { siteRouter } from './modules/site/index.js';
import { fundsRouter } from './modules/funds/index.js';
import { directoryRouter } from './modules/directory/index.js';
import { grantsOfFund, grantsRouter, recentGrants } from './modules/grants/index.js';
import { communityRouter, latestNews, newsOfFund } from './modules/community/index.js';

export function mountRoutes(app: Express, config: AppConfig): void {
  // First: it gives every page below the footer's details (registration number, contact).
  app.use(siteRouter({ foundation: () => config.foundation }));
  // The fund and transparency pages list grants, which sit above funds: handed down, not imported.
  // The giving menu also shows the latest news (community sits above funds: handed down too).
  app.use(
    fundsRouter({
      baseUrl: () => config.baseUrl,
      grantLists: { ofFund: grantsOfFund, recent: recentGrants },
      latestNews,
      newsOfFund,
    }),
  );
  app.use(
    accountsRouter({
      baseUrl: () => config.baseUrl,
      secureCookies: config.isProduction,
      // After login, the person's work (it reads grants and funds, which accounts may not import).
      landingFor,
      // The person's data download reads each module's own records (see admin/my-data-sources.ts).
      myData: myDataSources,
    }),
  );
  app.use(directoryRouter({ baseUrl: () => config.baseUrl }));
  app.use(grantsRouter());
  app.use(communityRouter({ baseUrl: () => config.baseUrl }));
  app.use(adminRouter());
}
