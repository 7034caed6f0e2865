/**
 * The labels of the issue and target-group tags in every language, as the directory search reads
 * them (keywords.ts). Built once from the message catalogues, which hold the labels (vocabulary.ts
 * keeps only the values).
 */
import { LOCALES, translate } from '../../shared/i18n/index.js';
import { tagLabel, type TagLabel } from './keywords.js';
import { ISSUES, TARGET_GROUPS } from './vocabulary.js';

let labels: TagLabel[] | undefined;

export function searchLabels(): readonly TagLabel[] {
  labels ??= [
    ...ISSUES.map((v) =>
      tagLabel(
        'issues',
        v,
        LOCALES.map((l) => translate(l, `vocab.issue.${v}`)),
      ),
    ),
    ...TARGET_GROUPS.map((v) =>
      tagLabel(
        'targetGroups',
        v,
        LOCALES.map((l) => translate(l, `vocab.target.${v}`)),
      ),
    ),
  ];
  return labels;
}
