/**
 * The admin module: the staff to-do page, people and roles, the outbox, and the pages that read
 * several modules at once (after-login landing, a person's data download).
 * Other modules, the app and jobs import only this file (eslint enforces it).
 */
export { adminRouter } from './admin.routes.js';
export { landingFor } from './landing.js';
export { myDataSources } from './my-data-sources.js';
