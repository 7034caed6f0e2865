/** Staff actions on one review (apart from grants.controller.ts, which holds the pages). */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { clearConflictSchema } from './grants.schemas.js';
import { clearConflictFlag } from './review.conflicts.js';

export function reviewController() {
  return {
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
