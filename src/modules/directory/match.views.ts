/** What the match pages and the matches API show of a suggestion: its card, and each reason in words. */
import type { Geography } from './geography.js';
import type { Suggestion } from './matching.service.js';
import { explainFactor } from './match-explain.js';
import { cardView } from './directory.views.js';
import type { Locale } from '../../shared/money.js';

/** The suggestions page's rows: the candidate's card with its place, the reasons in the reader's language. */
export function suggestionRows(geo: Geography, suggestions: readonly Suggestion[], locale: Locale) {
  return suggestions.map((s) => ({
    ...s,
    candidate: cardView(geo, s.candidate, locale),
    reasons: s.factors.map((f) => explainFactor(f, locale)),
  }));
}

/** The open-data shape of suggestions: public fields of the candidate, each reason in both languages. */
export function suggestionsApi(suggestions: readonly Suggestion[]) {
  return suggestions.map((s) => ({
    organisation: { id: s.candidate.id, name: s.candidate.name, roles: s.candidate.roles },
    score: s.score,
    factors: s.factors.map((f) => ({
      key: f.key,
      params: f.params,
      points: f.points,
      text: { th: explainFactor(f, 'th'), en: explainFactor(f, 'en') },
    })),
  }));
}
