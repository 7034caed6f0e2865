/** Match pages: an organisation's suggested partners, marking them, staff's introductions, and the matches API. */
import type { Request, Response } from 'express';
import { parseInput } from '../../shared/http/validate.js';
import { flash } from '../../shared/http/flash.js';
import { geography } from './geography.js';
import { canMarkSuggestions, introductions, markSuggestion, suggestionsFor } from './matching.service.js';
import { matchMarkSchema } from './directory.schemas.js';
import { MATCH_MARKS } from './vocabulary.js';
import { suggestionRows, suggestionsApi } from './match.views.js';

export function matchController() {
  return {
    matches: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { org, suggestions } = await suggestionsFor(id);
      const [geo, canMark] = await Promise.all([geography(), canMarkSuggestions(req.user, id)]);
      res.render('directory/matches', {
        org,
        canMark,
        marks: MATCH_MARKS,
        suggestions: suggestionRows(geo, suggestions, req.locale ?? 'th'),
      });
    },

    mark: async (req: Request, res: Response) => {
      const id = String(req.params.id);
      const { status } = parseInput(matchMarkSchema, req.body);
      await markSuggestion(req.user, id, String(req.params.candidateId), status);
      flash(req, { type: 'success', key: 'match.marked' });
      res.redirect(303, `/organisations/${id}/matches`);
    },

    introductions: async (req: Request, res: Response) => {
      res.render('directory/introductions', { introductions: await introductions(req.user) });
    },

    apiMatches: async (req: Request, res: Response) => {
      // Only an organisation that opted in to matching has suggestions (anything else: not found).
      const { suggestions } = await suggestionsFor(String(req.params.id));
      res.json({ data: suggestionsApi(suggestions) });
    },
  };
}
