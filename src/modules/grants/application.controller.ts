/** Applicant pages: starting, editing, submitting and moving an application, and its attachments. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { bangkokDay } from '../../shared/dates.js';
import { startSchema, transitionSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication, startApplication } from './application.service.js';
import { listMyApplications } from './application-list.service.js';
import { submitActionOf } from './application.workflow.js';
import { applicationFormController } from './application-form.controller.js';
import { applicantJourney } from './application.timeline.js';
import { transition } from './application-transition.service.js';
import { downloadAttachment } from './application-attachment.service.js';
import { reviewerComments, staffReviewPanel, type StaffReviewPanel } from './review-staff.service.js';
import { awardOfApplication } from './award.service.js';
import { areaLabel, geography } from '../directory/index.js';
import type { SessionUser } from '../../shared/actor.js';
import { nextActions, staffSteps } from './grants.views.js';
import { sendFile } from '../../shared/http/send-file.js';

/**
 * A reviewer may read the application but not its award: the page shows none. Any other failure
 * (the database) is an error, not "no award".
 */
function noAwardWhenRefused(error: unknown): null {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
  throw error;
}

export function applicationController() {
  return {
    // The form and its files: application-form.controller.ts.
    ...applicationFormController(),

    start: async (req: Request, res: Response) => {
      const { orgId } = parseInput(startSchema, req.body);
      const id = await startApplication(req.user, String(req.params.id), orgId);
      res.redirect(303, `/applications/${id}/edit`);
    },

    myApplications: async (req: Request, res: Response) => {
      res.render('grants/my-applications', { applications: await listMyApplications(req.user) });
    },

    application: async (req: Request, res: Response) => {
      res.render('grants/application', await applicationPageLocals(req, res, String(req.params.id)));
    },

    move: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const input = parseInput(transitionSchema, req.body);
      // Withdrawing cannot be undone: the form asks for a tick first (required without JavaScript too).
      if (input.action === 'withdraw' && !input.confirm)
        throw new ValidationError({ confirm: { key: 'grants.withdrawConfirm' } }, 'grants.withdrawConfirm');
      await transition(req.user, id, input);
      flash(req, { type: 'success', key: `grants.moved.${input.action}` });
      res.redirect(303, `/applications/${id}`);
    },

    download: async (req: Request, res: Response) => {
      const file = await downloadAttachment(req.user, String(req.params.id), String(req.params.fileId));
      sendFile(res, file);
    },
  };
}

/**
 * The application page's locals: the applicant's, the staff's and a grantee's report forms on one
 * page. Also used to put a refused award or report form back on this page with its messages.
 */
export async function applicationPageLocals(
  req: Request,
  res: Response,
  applicationId: string,
): Promise<Record<string, unknown>> {
  const actor = req.user as SessionUser;
  const app = await getApplication(actor, applicationId);
  const staff = app.roles.includes('staff');
  const call = await getCall(actor, app.callId);
  const noPanel: StaffReviewPanel = { reviews: [], committee: [], conflicts: [], comments: [] };
  const [award, panel, comments, geo] = await Promise.all([
    awardOfApplication(actor, app.id).catch(noAwardWhenRefused),
    // Staff's reviews, committee, conflicts and comments in one go; the applicant's comments alone.
    staff ? staffReviewPanel(actor, { id: app.id, orgId: app.orgId }, call) : noPanel,
    staff ? null : reviewerComments(actor, app.id),
    geography(),
  ]);
  const reviews = panel.reviews;
  return {
    application: app,
    call,
    award,
    reviews,
    committee: panel.committee,
    reviewerComments: comments ?? panel.comments,
    ...staffSteps(app, reviews, res.locals),
    conflicts: panel.conflicts,
    areaLabel: app.area.provinceCode
      ? areaLabel(
          geo,
          {
            provinceCode: app.area.provinceCode,
            districtCode: app.area.districtCode,
            subDistrictCode: app.area.subDistrictCode,
          },
          req.locale ?? 'th',
        )
      : null,
    isStaff: staff,
    isApplicant: app.roles.includes('applicant'),
    transitions: nextActions(app.actions, reviews),
    submitAction: submitActionOf(app.actions),
    journey: app.roles.includes('applicant') ? applicantJourney(app, call, award) : null,
    today: bangkokDay(new Date()),
  };
}
