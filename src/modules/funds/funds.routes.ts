/** Routes of the funds module: the giving menu, fund pages and /api/v1/funds. */
import { Router } from 'express';
import { fundsController as c } from './funds.controller.js';

export function fundsRouter(): Router {
  const router = Router();
  router.get('/', c.home);
  router.get('/funds/:slug', c.show);
  router.get('/api/v1/funds', c.apiList);
  router.get('/api/v1/funds/:slug', c.apiShow);
  return router;
}
