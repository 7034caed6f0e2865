/** Area pages: one place and its organisations, the community survey form, and the place lists forms and the API use. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { NotFoundError } from '../../shared/errors.js';
import { bangkokDay } from '../../shared/dates.js';
import { areaQuerySchema, surveySchema } from './directory.schemas.js';
import { buildPage } from '../../shared/pagination.js';
import { areaLabel, geography } from './geography.js';
import { areaFromCode, areaView, recordSurvey } from './area.service.js';
import { myOrganisations } from './organisation.service.js';
import { ASSET_KINDS } from './vocabulary.js';
import type { SessionUser } from '../../shared/actor.js';
import { cardView, vocabulary } from './directory.views.js';

const AREA_ORGS_PER_PAGE = 12;
const AREA_SURVEYS_PER_PAGE = 5;

type AreaRefLike = { provinceCode: string; districtCode?: string; subDistrictCode?: string };

export function areaController() {
  return {
    area: async (req: Request, res: Response) => {
      const code = String(req.params.code);
      const view = await areaView(code);
      const query = parseInput(areaQuerySchema, req.query);
      const geo = await geography();
      const locale = req.locale ?? 'th';
      const max = Math.max(1, ...view.children.map((c) => c.organisations));
      // Both lists are paged (a province's 178 organisations made a 12,000 px page on a phone); each keeps the other's page.
      const slice = <T>(list: T[], asked: number, perPage: number) => {
        const page = Math.min(asked, Math.max(1, Math.ceil(list.length / perPage)));
        return buildPage(list.slice((page - 1) * perPage, page * perPage), list.length, page, perPage);
      };
      const organisations = slice(view.organisations, query.page, AREA_ORGS_PER_PAGE);
      const surveys = slice(view.surveys, query.surveysPage, AREA_SURVEYS_PER_PAGE);
      res.render('directory/area', {
        orgPage: {
          ...organisations,
          items: organisations.items.map((c) => cardView(geo, c, locale)),
          from: (organisations.page - 1) * organisations.perPage + 1,
          to: (organisations.page - 1) * organisations.perPage + organisations.items.length,
        },
        orgPageBase: `/areas/${code}?${surveys.page > 1 ? `surveysPage=${surveys.page}&` : ''}`,
        surveyPage: surveys,
        surveyPageBase: `/areas/${code}?${organisations.page > 1 ? `page=${organisations.page}&` : ''}`,
        view: {
          ...view,
          label: areaLabel(geo, view.area, locale),
          organisationCount: view.organisations.length,
          // `share`: a `percent` property would be shadowed by the `percent` view helper.
          children: view.children.map((c) => ({ ...c, share: Math.round((c.organisations / max) * 100) })),
        },
        canSurvey: Boolean(req.user),
      });
    },

    surveyForm: async (req: Request, res: Response) => {
      const code = String(req.params.code);
      const geo = await geography();
      if (!areaFromCode(geo, code)) throw new NotFoundError('directory.areaNotFound');
      const partnerOrgs = (await myOrganisations(req.user as SessionUser)).filter((o) => o.verified);
      res.render('directory/survey-form', {
        code,
        areaName: areaLabel(geo, areaFromCode(geo, code) as AreaRefLike, req.locale ?? 'th'),
        partnerOrgs,
        assets: ASSET_KINDS,
        vocabulary,
        values: { surveyedOn: bangkokDay(new Date()) },
      });
    },

    createSurvey: form('directory/survey-form', async (req: Request, res: Response) => {
      const code = String(req.params.code);
      const geo = await geography();
      const area = areaFromCode(geo, code);
      if (!area) throw new NotFoundError('directory.areaNotFound');
      Object.assign(res.locals, {
        code,
        areaName: areaLabel(geo, area, req.locale ?? 'th'),
        partnerOrgs: (await myOrganisations(req.user as SessionUser)).filter((o) => o.verified),
        assets: ASSET_KINDS,
        vocabulary,
      });
      const input = parseInput(surveySchema, req.body);
      await recordSurvey(req.user, { ...input, area, byOrgId: input.byOrgId || undefined });
      flash(req, { type: 'success', key: 'directory.surveySaved' });
      res.redirect(303, `/areas/${code}`);
    }),

    apiProvinces: async (_req: Request, res: Response) => {
      const geo = await geography();
      res.set('Cache-Control', 'public, max-age=86400');
      res.json({ data: geo.provinces.map((p) => ({ code: p.code, th: p.th, en: p.en, region: p.region })) });
    },

    apiDistricts: async (req: Request, res: Response) => {
      const geo = await geography();
      const code = String(req.params.code);
      if (!geo.province(code)) throw new NotFoundError('directory.badArea');
      res.set('Cache-Control', 'public, max-age=86400');
      res.json({ data: geo.districtsOf(code).map((d) => ({ code: d.code, th: d.th, en: d.en })) });
    },

    apiSubDistricts: async (req: Request, res: Response) => {
      const geo = await geography();
      const code = String(req.params.code);
      if (!geo.district(code)) throw new NotFoundError('directory.badArea');
      res.set('Cache-Control', 'public, max-age=86400');
      res.json({
        data: geo.subDistrictsOf(code).map((s) => ({ code: s.code, th: s.th, en: s.en, postalCodes: s.postalCodes })),
      });
    },
  };
}
