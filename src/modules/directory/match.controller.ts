/** Match pages: an organisation's suggested partners, marking them, staff's introductions, and the matches API. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { NotFoundError } from '../../shared/errors.js';
import { geography } from './geography.js';
import { canEdit, socialMap } from './organisation.service.js';
import { Organisation } from './organisation.model.js';
import { introductions, markSuggestion, suggestionsFor } from './matching.service.js';
import { explainFactor } from './match-explain.js';
import { MATCH_MARKS } from './match-mark.model.js';
import { cardView } from './directory.views.js';

export function matchController() {
  return {
    matches: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { org, suggestions } = await suggestionsFor(id);
      const geo = await geography();
      const locale = req.locale ?? 'th';
      // Only a signed-in member or staff may mark suggestions; anonymous visitors skip the lookup.
      const doc = req.user ? await Organisation.findById(id, { memberUserIds: 1 }).lean() : null;
      res.render('directory/matches', {
        org,
        canMark: doc ? canEdit(req.user, doc) : false,
        marks: MATCH_MARKS,
        suggestions: suggestions.map((s) => ({
          ...s,
          candidate: cardView(geo, s.candidate, locale),
          reasons: s.factors.map((f) => explainFactor(f, locale)),
        })),
      });
    },

    mark: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { status } = parseInput(z.object({ status: z.enum(MATCH_MARKS, 'validation.choice') }), req.body);
      await markSuggestion(req.user, id, String(req.params.candidateId), status);
      flash(req, { type: 'success', key: 'match.marked' });
      res.redirect(303, `/organisations/${id}/matches`);
    },

    introductions: async (req: Request, res: Response) => {
      const list = await introductions(req.user);
      res.render('directory/introductions', { introductions: list });
    },

    apiMatches: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const card = (await socialMap()).find((c) => c.id === id && c.matchingOptIn);
      if (!card) throw new NotFoundError('directory.notFound');
      const { suggestions } = await suggestionsFor(id);
      res.json({
        data: suggestions.map((s) => ({
          organisation: { id: s.candidate.id, name: s.candidate.name, roles: s.candidate.roles },
          score: s.score,
          factors: s.factors.map((f) => ({
            key: f.key,
            params: f.params,
            points: f.points,
            text: { th: explainFactor(f, 'th'), en: explainFactor(f, 'en') },
          })),
        })),
      });
    },
  };
}
