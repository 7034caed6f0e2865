/** Routes of the social map: directory, organisations, networks and their open-data API. */
import { Router } from 'express';
import { organisationController } from './organisation.controller.js';
import { networkController } from './network.controller.js';
import { areaController } from './area.controller.js';
import { matchController } from './match.controller.js';
import { requireLogin, requireRole } from '../../shared/http/guards.js';
import { rateLimits } from '../../shared/http/rate-limit.js';

export function directoryRouter(options: { baseUrl: () => string }): Router {
  const organisations = organisationController(options);
  const networks = networkController();
  const areas = areaController();
  const matches = matchController();
  const router = Router();
  router.get('/directory', organisations.directory);
  router.get('/directory/map', networks.map);
  router.get('/areas/:code', areas.area);
  router.get('/areas/:code/surveys/new', requireLogin, areas.surveyForm);
  router.post('/areas/:code/surveys', requireLogin, areas.createSurvey);
  router.get('/organisations/new', requireLogin, organisations.newForm);
  router.post('/organisations', requireLogin, organisations.create);
  router.get('/organisations/:id', organisations.show);
  router.get('/organisations/:id/edit', requireLogin, organisations.editForm);
  router.post('/organisations/:id', requireLogin, organisations.update);
  router.post('/organisations/:id/verify', requireRole('staff', 'admin'), organisations.verify);
  router.get('/organisations/:id/matches', matches.matches);
  router.post('/organisations/:id/matches/:candidateId', requireLogin, matches.mark);
  router.get('/admin/introductions', requireRole('staff', 'admin'), matches.introductions);
  router.get('/api/v1/organisations/:id/matches', matches.apiMatches);
  // Each invitation is an email to any address: limited per person sending and per address invited.
  router.post(
    '/organisations/:id/invitations',
    requireLogin,
    rateLimits.invitation,
    rateLimits.invitationAddress,
    organisations.invite,
  );
  router.get('/invitations/:token', requireLogin, organisations.invitation);
  router.post('/invitations/:token', requireLogin, organisations.acceptInvitation);
  router.get('/networks', networks.networks);
  router.get('/networks/:id', networks.network);
  router.get('/api/v1/organisations', organisations.apiOrganisations);
  router.get('/api/v1/organisations/:id', organisations.apiOrganisation);
  router.get('/api/v1/networks', networks.apiNetworks);
  router.get('/api/v1/areas/provinces', areas.apiProvinces);
  router.get('/api/v1/areas/provinces/:code/districts', areas.apiDistricts);
  router.get('/api/v1/areas/districts/:code/sub-districts', areas.apiSubDistricts);
  return router;
}
