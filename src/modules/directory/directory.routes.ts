/** Routes of the social map: directory, organisations, networks and their open-data API. */
import { Router } from 'express';
import { directoryController } from './directory.controller.js';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { rateLimits } from '../../shared/http/rate-limit.js';

export function directoryRouter(options: { baseUrl: () => string }): Router {
  const c = directoryController(options);
  const router = Router();
  router.get('/directory', c.directory);
  router.get('/directory/map', c.map);
  router.get('/areas/:code', c.area);
  router.get('/areas/:code/surveys/new', requireLogin, c.surveyForm);
  router.post('/areas/:code/surveys', requireLogin, c.createSurvey);
  router.get('/organisations/new', requireLogin, c.newForm);
  router.post('/organisations', requireLogin, c.create);
  router.get('/organisations/:id', c.show);
  router.get('/organisations/:id/edit', requireLogin, c.editForm);
  router.post('/organisations/:id', requireLogin, c.update);
  router.post('/organisations/:id/verify', requireRole('staff', 'admin'), c.verify);
  router.get('/organisations/:id/matches', c.matches);
  router.post('/organisations/:id/matches/:candidateId', requireLogin, c.mark);
  router.get('/admin/introductions', requireRole('staff', 'admin'), c.introductions);
  router.get('/api/v1/organisations/:id/matches', c.apiMatches);
  // Each invitation is an email to any address: limited per person sending and per address invited.
  router.post('/organisations/:id/invitations', requireLogin, rateLimits.invitation, rateLimits.invitationAddress, c.invite);
  router.get('/invitations/:token', requireLogin, c.invitation);
  router.post('/invitations/:token', requireLogin, c.acceptInvitation);
  router.get('/networks', c.networks);
  router.get('/networks/:id', c.network);
  router.get('/api/v1/organisations', c.apiOrganisations);
  router.get('/api/v1/organisations/:id', c.apiOrganisation);
  router.get('/api/v1/networks', c.apiNetworks);
  router.get('/api/v1/areas/provinces', c.apiProvinces);
  router.get('/api/v1/areas/provinces/:code/districts', c.apiDistricts);
  router.get('/api/v1/areas/districts/:code/sub-districts', c.apiSubDistricts);
  return router;
}
