/** The reviewer's desk (assignments, conflicts, scores) and staff's reviewer assignments and conflict decisions. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { ValidationError } from '../../shared/errors.js';
import { assignSchema, clearConflictSchema, conflictSchema, reviewSchema } from './grants.schemas.js';
import { getCall } from './call.service.js';
import { getApplication } from './application.service.js';
import { assignReviewers, autoAssign, declareConflict, getMyReview, listMyReviews, saveReview } from './review.service.js';
import { clearConflictFlag } from './review.conflicts.js';
import { RECOMMENDATIONS } from './review.model.js';
import type { SessionUser } from '../accounts/user.types.js';
import { range } from './grants.views.js';

export function reviewController() {
  return {
    // ---- Reviewers ---------------------------------------------------------------------------
    myReviews: async (req: Request, res: Response) => {
      res.render('grants/reviews', { assignments: await listMyReviews(req.user) });
    },

    review: async (req: Request, res: Response) => {
      const actor = req.user as SessionUser;
      const review = await getMyReview(actor, String(req.params.applicationId));
      const readable = review.declaredConflict === false && review.detectedConflicts.length === 0 && review.status !== 'conflicted';
      const app = readable ? await getApplication(actor, review.applicationId) : null;
      const call = await getCall(actor, review.callId);
      res.locals.values ??= { ...review.scores, recommendation: review.recommendation, commentForStaff: review.commentForStaff, commentForApplicant: review.commentForApplicant };
      res.render('grants/review', { review, application: app, call, recommendations: RECOMMENDATIONS, scale: range(call.rubric.scale.min, call.rubric.scale.max) });
    },

    declare: async (req: Request, res: Response) => {
      const input = parseInput(conflictSchema, req.body);
      await declareConflict(req.user, String(req.params.applicationId), input);
      flash(req, { type: input.conflict ? 'info' : 'success', key: input.conflict ? 'grants.conflictRecorded' : 'grants.noConflictRecorded' });
      res.redirect(303, input.conflict ? '/reviews' : `/reviews/${String(req.params.applicationId)}`);
    },

    score: async (req: Request, res: Response) => {
      const applicationId = String(req.params.applicationId);
      const input = parseInput(reviewSchema, req.body);
      const scores = Object.fromEntries(Object.entries(input.scores).map(([k, v]) => [k, v === '' ? undefined : Number(v)]));
      try {
        await saveReview(req.user, applicationId, { scores, recommendation: input.recommendation, commentForStaff: input.commentForStaff, commentForApplicant: input.commentForApplicant, submit: input.intent === 'submit' });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // Show the form again with what was typed and the problems beside each criterion.
        res.locals.values = { ...scores, recommendation: input.recommendation, commentForStaff: input.commentForStaff, commentForApplicant: input.commentForApplicant };
        res.locals.errors = error.fields;
        res.locals.formError = true;
        res.status(422);
        const review = await getMyReview(req.user, applicationId);
        const call = await getCall(req.user, review.callId);
        return res.render('grants/review', { review, application: await getApplication(req.user, applicationId), call, recommendations: RECOMMENDATIONS, scale: range(call.rubric.scale.min, call.rubric.scale.max), errors: error.fields, formErrorKey: 'errors.validation' });
      }
      flash(req, { type: 'success', key: input.intent === 'submit' ? 'grants.reviewSubmitted' : 'grants.reviewSaved' });
      res.redirect(303, input.intent === 'submit' ? '/reviews' : `/reviews/${applicationId}`);
    },

    // ---- Staff -------------------------------------------------------------------------------
    autoAssign: async (req: Request, res: Response) => {
      const result = await autoAssign(req.user, String(req.params.id));
      flash(req, { type: result.short ? 'info' : 'success', key: result.short ? 'grants.assignedShort' : 'grants.assigned', params: result });
      res.redirect(303, `/admin/calls/${String(req.params.id)}`);
    },

    assign: async (req: Request, res: Response) => {
      const { reviewerIds } = parseInput(assignSchema, req.body);
      const result = await assignReviewers(req.user, String(req.params.id), reviewerIds);
      flash(req, { type: 'success', key: 'grants.assigned', params: { ...result, short: 0 } });
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
