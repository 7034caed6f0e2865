/**
 * Area pages: one place and its organisations, the community survey form, and the place lists forms and the API use.
 */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { form } from '../../shared/http/forms.js';
import { flash } from '../../shared/http/flash.js';
import { NotFoundError } from '../../shared/errors.js';
import type { SessionUser } from '../../shared/actor.js';
import { areaQuerySchema, surveySchema } from './directory.schemas.js';
import { geography } from './geography.js';
import { areaView, recordSurvey, surveyFormFor } from './area.service.js';
import { areaPage, newSurveyValues, surveyFormLocals } from './area.views.js';

export function areaController() {
  return {
    area: async (req: Request, res: Response) => {
      const view = await areaView(String(req.params.code));
      const query = parseInput(areaQuerySchema, req.query);
      res.render('directory/area', {
        ...areaPage(await geography(), view, query, req.locale ?? 'th'),
        canSurvey: Boolean(req.user),
      });
    },

    surveyForm: async (req: Request, res: Response) => {
      const code = String(req.params.code);
      const { geo, area, partnerOrgs } = await surveyFormFor(req.user as SessionUser, code);
      res.render('directory/survey-form', {
        ...surveyFormLocals(geo, code, area, partnerOrgs, req.locale ?? 'th'),
        values: newSurveyValues(),
      });
    },

    createSurvey: form('directory/survey-form', async (req: Request, res: Response) => {
      const code = String(req.params.code);
      const { geo, area, partnerOrgs } = await surveyFormFor(req.user as SessionUser, code);
      Object.assign(res.locals, surveyFormLocals(geo, code, area, partnerOrgs, req.locale ?? 'th'));
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
