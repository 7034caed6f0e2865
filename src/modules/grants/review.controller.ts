/** The reviewer's desk (assignments, conflicts, scores) and staff's reviewer assignments and conflict decisions. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { ValidationError } from '../../shared/errors.js';
import { wantsJson } from '../../shared/http/error-handler.js';
import { assignSchema, clearConflictSchema, conflictSchema, reviewSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication } from './application.service.js';
import { assignReviewers, autoAssign, declareConflict, getMyReview, saveReview } from './review.service.js';
import { listMyReviews } from './review-list.service.js';
import { clearConflictFlag } from './review.conflicts.js';
import type { SessionUser } from '../../shared/actor.js';
import { reviewPageLocals } from './review.views.js';

/** The reviewer's page: the conflict question, then the proposal and the scores (or the confirmation step). */
async function reviewPage(
  req: Request,
  res: Response,
  applicationId: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const actor = req.user as SessionUser;
  const review = await getMyReview(actor, applicationId);
  const readable =
    review.declaredConflict === false && review.detectedConflicts.length === 0 && review.status !== 'conflicted';
  const app = readable ? await getApplication(actor, review.applicationId) : null;
  const call = await getCall(actor, review.callId);
  res.locals.values ??= {
    ...review.scores,
    recommendation: review.recommendation,
    commentForStaff: review.commentForStaff,
    commentForApplicant: review.commentForApplicant,
  };
  res.render(
    'grants/review',
    await reviewPageLocals({ review, application: app, call, locale: req.locale ?? 'th', extra }),
  );
}

export function reviewController() {
  return {
    // ---- Reviewers ---------------------------------------------------------------------------
    myReviews: async (req: Request, res: Response) => {
      res.render('grants/reviews', { assignments: await listMyReviews(req.user) });
    },

    review: async (req: Request, res: Response) => {
      await reviewPage(req, res, String(req.params.applicationId));
    },

    declare: async (req: Request, res: Response) => {
      const input = parseInput(conflictSchema, req.body);
      await declareConflict(req.user, String(req.params.applicationId), input);
      flash(req, {
        type: input.conflict ? 'info' : 'success',
        key: input.conflict ? 'grants.conflictRecorded' : 'grants.noConflictRecorded',
      });
      res.redirect(303, input.conflict ? '/reviews' : `/reviews/${String(req.params.applicationId)}`);
    },

    /**
     * Save, or submit in two steps: "submit" checks everything, keeps the scores as a draft and
     * shows them back for a last look; the ticked confirmation submits them for good.
     */
    score: async (req: Request, res: Response) => {
      const applicationId = String(req.params.applicationId);
      const input = parseInput(reviewSchema, req.body);
      const scores = Object.fromEntries(
        Object.entries(input.scores).map(([k, v]) => [k, v === '' ? undefined : Number(v)]),
      );
      const values = {
        ...scores,
        recommendation: input.recommendation,
        commentForStaff: input.commentForStaff,
        commentForApplicant: input.commentForApplicant,
      };
      const submit = input.intent === 'submit';
      const confirming = submit && !input.confirm;
      try {
        if (confirming && input.step === 'confirm')
          throw new ValidationError({ confirm: { key: 'grants.confirmNeeded' } });
        await saveReview(req.user, applicationId, {
          scores,
          recommendation: input.recommendation,
          commentForStaff: input.commentForStaff,
          commentForApplicant: input.commentForApplicant,
          submit,
          hold: confirming,
        });
      } catch (error) {
        if (!(error instanceof ValidationError) || wantsJson(req)) throw error;
        // Show the form again with what was typed; the page opens at the list of problems (#errors).
        res.locals.values = values;
        res.locals.errors = error.fields;
        res.status(422);
        // Only the unticked box keeps the confirmation step; any other problem goes back to the scores.
        const onlyConfirm = Object.keys(error.fields).every((k) => k === 'confirm');
        return reviewPage(req, res, applicationId, {
          errors: error.fields,
          confirming: input.step === 'confirm' && onlyConfirm,
        });
      }
      if (confirming) {
        res.locals.values = values;
        return reviewPage(req, res, applicationId, { confirming: true });
      }
      flash(req, { type: 'success', key: submit ? 'grants.reviewSubmitted' : 'grants.reviewSaved' });
      // An explicit fragment: otherwise the browser keeps the form's #errors on the page it lands on.
      res.redirect(303, submit ? '/reviews#desk' : `/reviews/${applicationId}#scores`);
    },

    // ---- Staff -------------------------------------------------------------------------------
    autoAssign: async (req: Request, res: Response) => {
      const result = await autoAssign(req.user, String(req.params.id));
      flash(req, {
        type: result.short ? 'info' : 'success',
        key: result.short ? 'grants.assignedShort' : 'grants.assigned',
        params: { count: result.assigned, short: result.short },
      });
      res.redirect(303, `/admin/calls/${String(req.params.id)}`);
    },

    assign: async (req: Request, res: Response) => {
      const { reviewerIds } = parseInput(assignSchema, req.body);
      const result = await assignReviewers(req.user, String(req.params.id), reviewerIds);
      flash(req, { type: 'success', key: 'grants.assigned', params: { count: result.assigned } });
      res.redirect(303, `/applications/${String(req.params.id)}`);
    },

    /** Staff judge a flagged review to be no conflict: its scores count again. */
    clearConflict: async (req: Request, res: Response) => {
      const applicationId = String(req.params.id);
      const { note } = parseInput(clearConflictSchema, req.body);
      await clearConflictFlag(req.user, applicationId, String(req.params.reviewId), note);
      flash(req, { type: 'success', key: 'grants.flagCleared' });
      res.redirect(303, `/applications/${applicationId}`);
    },
  };
}
