/**
 * Organisation pages: the directory, a profile, its form and verification, member invitations, and the open-data API.
 */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form, typedValues } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { NotFoundError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/actor.js';
import {
  directoryQuerySchema,
  inviteSchema,
  organisationSchema,
  returnToSchema,
  verifySchema,
} from './directory.schemas.js';
import { geography } from './geography.js';
import {
  createOrganisation,
  getOrganisation,
  getOrganisationForEdit,
  setVerified,
  socialMap,
  updateOrganisation,
} from './organisation.service.js';
import { searchDirectory } from './social-map.js';
import { listNetworks } from './network.service.js';
import { organisationNetworkHistory } from './network-history.service.js';
import { acceptInvitation, describeInvitation, inviteMember, membersOf } from './invitation.service.js';
import {
  directoryPage,
  organisationApi,
  organisationFormLocals,
  organisationFormValues,
  pageOf,
  profileView,
} from './organisation.views.js';

/** Where to go after saving: the page the person came from (a call), when it is a path on this site. */
const returnTo = (source: unknown): string | undefined => parseInput(returnToSchema, source).returnTo;

/** The no-JavaScript "show places" button: the form again with the chosen area's place lists; nothing saved. */
const wantsRefresh = (req: Request) => typeof (req.body as Record<string, unknown> | undefined)?._refresh === 'string';

export function organisationController(options: { baseUrl: () => string }) {
  return {
    directory: async (req: Request, res: Response) => {
      const query = parseInput(directoryQuerySchema, req.query);
      const [geo, cards, networks] = await Promise.all([geography(), socialMap(), listNetworks()]);
      const locale = req.locale ?? 'th';
      const found = searchDirectory(cards, query, query.sort, locale);
      res.render('directory/index', directoryPage(geo, found, networks, query, req.query, locale));
    },

    show: async (req: Request, res: Response) => {
      const org = await getOrganisation(req.user, String(req.params.id));
      const [geo, networks] = await Promise.all([geography(), listNetworks()]);
      res.render('directory/organisation', {
        ...profileView(geo, org, networks, req.locale ?? 'th'),
        members: org.canEdit ? await membersOf(org.id) : [],
        isStaff: res.locals.isStaff,
        networkHistory: res.locals.isStaff ? await organisationNetworkHistory(req.user, org.id) : [],
      });
    },

    newForm: async (req: Request, res: Response) => {
      // Sharing for matching and open data is the organisation's choice to make (PDPA): unticked.
      const values = { matchingOptIn: false, roles: ['recipient'], returnTo: returnTo(req.query) };
      Object.assign(res.locals, await organisationFormLocals(values));
      res.render('directory/organisation-form', { values, action: '/organisations' });
    },

    create: form('directory/organisation-form', async (req: Request, res: Response) => {
      const values = { ...typedValues(req.body), returnTo: returnTo(req.body) };
      Object.assign(res.locals, { action: '/organisations', values }, await organisationFormLocals(values));
      if (wantsRefresh(req)) return res.render('directory/organisation-form', { values });
      const id = await createOrganisation(req.user, parseInput(organisationSchema, req.body));
      flash(req, { type: 'success', key: 'directory.created' });
      res.redirect(303, values.returnTo ?? `/organisations/${id}`);
    }),

    editForm: async (req: Request, res: Response) => {
      const org = await getOrganisationForEdit(req.user, String(req.params.id));
      const values = { ...organisationFormValues(org), returnTo: returnTo(req.query) };
      Object.assign(res.locals, await organisationFormLocals(values));
      res.render('directory/organisation-form', { values, action: `/organisations/${org.id}`, editing: true });
    },

    update: form('directory/organisation-form', async (req: Request, res: Response) => {
      const id = String(req.params.id);
      await getOrganisationForEdit(req.user, id);
      const values = { ...typedValues(req.body), returnTo: returnTo(req.body) };
      Object.assign(
        res.locals,
        { action: `/organisations/${id}`, editing: true, values },
        await organisationFormLocals(values),
      );
      if (wantsRefresh(req)) return res.render('directory/organisation-form', { values });
      const { verificationCleared } = await updateOrganisation(req.user, id, parseInput(organisationSchema, req.body));
      flash(req, { type: 'success', key: verificationCleared ? 'directory.savedUnverified' : 'directory.saved' });
      res.redirect(303, values.returnTo ?? `/organisations/${id}`);
    }),

    verify: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { verified } = parseInput(verifySchema, req.body);
      await setVerified(req.user as SessionUser, id, verified);
      flash(req, { type: 'success', key: verified ? 'directory.verifiedDone' : 'directory.unverifiedDone' });
      res.redirect(303, `/organisations/${id}`);
    },

    invite: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { email } = parseInput(inviteSchema, req.body);
      await inviteMember(req.user, id, email, options.baseUrl(), req.locale ?? 'th');
      flash(req, { type: 'success', key: 'directory.invited' });
      res.redirect(303, `/organisations/${id}`);
    },

    invitation: async (req: Request, res: Response) => {
      const token = String(req.params.token);
      res.render('directory/invitation', { invitation: await describeInvitation(token), token });
    },

    acceptInvitation: async (req: Request, res: Response) => {
      const orgId = await acceptInvitation(req.user as SessionUser, String(req.params.token));
      flash(req, { type: 'success', key: 'directory.invitationAccepted' });
      res.redirect(303, `/organisations/${orgId}`);
    },

    apiOrganisations: async (req: Request, res: Response) => {
      const query = parseInput(directoryQuerySchema, req.query);
      const [geo, cards] = await Promise.all([geography(), socialMap()]);
      // Open data leaves out organisations that chose not to be matched or listed for others.
      const found = searchDirectory(cards, query, query.sort, req.locale ?? 'th').filter((c) => c.matchingOptIn);
      res.json({
        data: pageOf(found, query).map((c) => organisationApi(geo, c)),
        page: query.page,
        perPage: query.perPage,
        total: found.length,
      });
    },

    apiOrganisation: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const card = (await socialMap()).find((c) => c.id === id && c.matchingOptIn);
      if (!card) throw new NotFoundError('directory.notFound');
      res.json({ data: organisationApi(await geography(), card) });
    },
  };
}
