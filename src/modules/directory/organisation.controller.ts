/** Organisation pages: the directory, a profile, its form and verification, member invitations, and the open-data API. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../../shared/http/validate.js';
import { form, typedValues } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { buildPage } from '../../shared/pagination.js';
import { satangToInput } from '../../shared/money.js';
import { NotFoundError } from '../../shared/errors.js';
import { directoryQuerySchema, organisationSchema, returnToSchema } from './directory.schemas.js';
import { REGIONS, areaLabel, geography, type Geography } from './geography.js';
import {
  createOrganisation,
  getOrganisation,
  getOrganisationForEdit,
  setVerified,
  socialMap,
  updateOrganisation,
  type OrganisationDetail,
} from './organisation.service.js';
import { searchDirectory, type OrgCard } from './social-map.js';
import { listNetworks } from './network.service.js';
import { organisationNetworkHistory } from './network-history.service.js';
import { acceptInvitation, describeInvitation, inviteMember, membersOf } from './invitation.service.js';
import type { SessionUser } from '../../shared/actor.js';
import { cardView, vocabulary } from './directory.views.js';

/** The open-data shape of an organisation: public fields only. */
function toApi(geo: Geography, card: OrgCard) {
  return {
    id: card.id,
    name: card.name,
    type: card.type,
    roles: card.roles,
    issues: card.issues,
    targetGroups: card.targetGroups,
    description: card.description,
    home: { ...card.home, label: { th: areaLabel(geo, card.home, 'th'), en: areaLabel(geo, card.home, 'en') } },
    areasServed: card.areasServed,
    offers: card.offers,
    needs: card.needs,
    members: card.members,
    budgetBand: card.budgetBand,
    networkIds: card.networkIds,
    verified: card.verified,
    sample: card.sample,
    updatedAt: card.updatedAt,
  };
}

/** Everything the organisation form shows: vocabularies and the place lists for the chosen area. */
async function formLocals(res: Response, values: Record<string, unknown>): Promise<void> {
  const geo = await geography();
  const province = typeof values.provinceCode === 'string' ? values.provinceCode : '';
  const district = typeof values.districtCode === 'string' ? values.districtCode : '';
  const districts = province ? geo.districtsOf(province) : [];
  const option = (value: string, name: { th: string; en: string }) => ({ value, name });
  Object.assign(res.locals, {
    vocabulary,
    provinces: geo.provinces,
    districts,
    subDistricts: district && geo.district(district)?.provinceCode === province ? geo.subDistrictsOf(district) : [],
    // Checkbox groups, not multi-selects (which ask phone users to hold Ctrl): provinces by region.
    provinceRegions: REGIONS.map((region) => ({
      region,
      provinces: geo.provinces.filter((p) => p.region === region).map((p) => option(p.code, { th: p.th, en: p.en })),
    })),
    districtOptions: districts.map((d) => option(d.code, { th: d.th, en: d.en })),
    networkOptions: (await listNetworks()).map((n) => option(n.id, n.name)),
  });
}

/** The form's values from an organisation, for editing. */
function formValues(org: OrganisationDetail): Record<string, unknown> {
  const money = (list: OrganisationDetail['offers']) => list.find((r) => r.kind === 'money')?.amountSatang;
  const volunteers = (list: OrganisationDetail['offers']) => list.find((r) => r.kind === 'volunteers')?.capacity;
  return {
    nameTh: org.name.th,
    nameEn: org.name.en,
    type: org.type,
    roles: org.roles,
    issues: org.issues,
    targetGroups: org.targetGroups,
    description: org.description,
    provinceCode: org.home.provinceCode,
    districtCode: org.home.districtCode ?? '',
    subDistrictCode: org.home.subDistrictCode ?? '',
    servedProvinces: org.areasServed.filter((a) => !a.districtCode).map((a) => a.provinceCode),
    servedDistricts: org.areasServed.filter((a) => a.districtCode).map((a) => a.districtCode),
    offers: org.offers.map((r) => r.kind),
    offerMoney: money(org.offers) ? satangToInput(money(org.offers)) : '',
    offerVolunteers: volunteers(org.offers) ? String(volunteers(org.offers)) : '',
    offerNote: org.offers.find((r) => r.note)?.note ?? '',
    needs: org.needs.map((r) => r.kind),
    needMoney: money(org.needs) ? satangToInput(money(org.needs)) : '',
    needVolunteers: volunteers(org.needs) ? String(volunteers(org.needs)) : '',
    needNote: org.needs.find((r) => r.note)?.note ?? '',
    members: org.members ? String(org.members) : '',
    budgetBand: org.budgetBand ?? '',
    registrationNumber: org.registration.number,
    registeredWith: org.registration.registeredWith,
    publicPhone: org.publicContact.phone ?? '',
    publicEmail: org.publicContact.email ?? '',
    website: org.publicContact.website ?? '',
    publicAddress: org.publicContact.address ?? '',
    contactPerson: org.privateContact?.person ?? '',
    privatePhone: org.privateContact?.phone ?? '',
    privateEmail: org.privateContact?.email ?? '',
    networkIds: org.networkIds,
    matchingOptIn: org.matchingOptIn,
  };
}

/** Where to go after saving: the page the person came from (a call), when it is a path on this site. */
const returnTo = (source: unknown): string | undefined => parseInput(returnToSchema, source).returnTo;

const wantsRefresh = (req: Request) => typeof (req.body as Record<string, unknown> | undefined)?._refresh === 'string';

const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(254, 'validation.tooLong')
    .pipe(z.email('validation.email')),
});

export function organisationController(options: { baseUrl: () => string }) {
  return {
    directory: async (req: Request, res: Response) => {
      const query = parseInput(directoryQuerySchema, req.query);
      const [geo, cards, networks] = await Promise.all([geography(), socialMap(), listNetworks()]);
      const locale = req.locale ?? 'th';
      const found = searchDirectory(cards, query, query.sort, locale);
      const start = (query.page - 1) * query.perPage;
      const page = buildPage(
        found.slice(start, start + query.perPage).map((c) => cardView(geo, c, locale)),
        found.length,
        query.page,
        query.perPage,
      );
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(req.query))
        if (typeof value === 'string' && value !== '' && key !== 'page' && key !== 'lang') params.set(key, value);
      res.render('directory/index', {
        page,
        query: { ...query, verified: query.verified === true ? 'yes' : query.verified === false ? 'no' : '' },
        vocabulary,
        provinces: geo.provinces,
        districts: query.province ? geo.districtsOf(query.province) : [],
        networks,
        pageBase: `/directory?${params.toString()}${params.size ? '&' : ''}`,
        filtered: [...params.keys()].some((k) => k !== 'q' && k !== 'sort'),
      });
    },

    show: async (req: Request, res: Response) => {
      const org = await getOrganisation(req.user, String(req.params.id));
      const geo = await geography();
      const locale = req.locale ?? 'th';
      const networks = (await listNetworks()).filter(
        (n) => org.networkIds.includes(n.id) || n.coordinator?.id === org.id,
      );
      res.render('directory/organisation', {
        members: org.canEdit ? await membersOf(org.id) : [],
        org: {
          ...org,
          homeLabel: areaLabel(geo, org.home, locale),
          areaLabels: org.areasServed.map((a) => areaLabel(geo, a, locale)),
        },
        networks,
        isStaff: res.locals.isStaff,
        networkHistory: res.locals.isStaff ? await organisationNetworkHistory(req.user, org.id) : [],
      });
    },

    newForm: async (req: Request, res: Response) => {
      // Sharing for matching and open data is the organisation's choice to make (PDPA): unticked.
      const values = { matchingOptIn: false, roles: ['recipient'], returnTo: returnTo(req.query) };
      await formLocals(res, values);
      res.render('directory/organisation-form', { values, action: '/organisations' });
    },

    create: form('directory/organisation-form', async (req: Request, res: Response) => {
      const values = { ...typedValues(req.body), returnTo: returnTo(req.body) };
      Object.assign(res.locals, { action: '/organisations', values });
      await formLocals(res, values);
      if (wantsRefresh(req)) return res.render('directory/organisation-form', { values });
      const input = parseInput(organisationSchema, req.body);
      const id = await createOrganisation(req.user, input);
      flash(req, { type: 'success', key: 'directory.created' });
      res.redirect(303, values.returnTo ?? `/organisations/${id}`);
    }),

    editForm: async (req: Request, res: Response) => {
      const org = await getOrganisationForEdit(req.user, String(req.params.id));
      const values = { ...formValues(org), returnTo: returnTo(req.query) };
      await formLocals(res, values);
      res.render('directory/organisation-form', { values, action: `/organisations/${org.id}`, editing: true });
    },

    update: form('directory/organisation-form', async (req: Request, res: Response) => {
      const id = String(req.params.id);
      await getOrganisationForEdit(req.user, id);
      const values = { ...typedValues(req.body), returnTo: returnTo(req.body) };
      Object.assign(res.locals, { action: `/organisations/${id}`, editing: true, values });
      await formLocals(res, values);
      if (wantsRefresh(req)) return res.render('directory/organisation-form', { values });
      const { verificationCleared } = await updateOrganisation(req.user, id, parseInput(organisationSchema, req.body));
      flash(req, { type: 'success', key: verificationCleared ? 'directory.savedUnverified' : 'directory.saved' });
      res.redirect(303, values.returnTo ?? `/organisations/${id}`);
    }),

    verify: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const verified = (req.body as Record<string, unknown>).verified === 'true';
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
      res.render('directory/invitation', {
        invitation: await describeInvitation(String(req.params.token)),
        token: String(req.params.token),
      });
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
      const start = (query.page - 1) * query.perPage;
      res.json({
        data: found.slice(start, start + query.perPage).map((c) => toApi(geo, c)),
        page: query.page,
        perPage: query.perPage,
        total: found.length,
      });
    },

    apiOrganisation: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const card = (await socialMap()).find((c) => c.id === id && c.matchingOptIn);
      if (!card) throw new NotFoundError('directory.notFound');
      res.json({ data: toApi(await geography(), card) });
    },
  };
}
