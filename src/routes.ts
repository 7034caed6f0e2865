/** Mounts each module's router (webhooks come first in app.ts, before the body parsers). */
import type { Express } from 'express';
import type { AppConfig } from './config/index.js';
import { accountsRouter } from './modules/accounts/accounts.routes.js';
import { adminRouter } from './modules/admin/admin.routes.js';
import { landingFor } from './modules/admin/landing.js';
import { myDataSources } from './modules/admin/my-data-sources.js';
import { siteRouter } from './modules/site/index.js';
import { fundsRouter } from './modules/funds/funds.routes.js';
import { directoryRouter } from './modules/directory/directory.routes.js';
import { grantsRouter } from './modules/grants/grants.routes.js';

export function mountRoutes(app: Express, config: AppConfig): void {
  // First: it gives every page below the footer's details (registration number, contact).
  app.use(siteRouter({ foundation: () => config.foundation }));
  app.use(fundsRouter({ baseUrl: () => config.baseUrl }));
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
  app.use(adminRouter());
}
