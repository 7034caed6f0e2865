/**
 * One record per submission: a double-clicked donate form, a re-sent staff form, a retried invoice
 * webhook or another process racing with this one all find the first. FerretDB has no
 * transactions, so the unique index on `submissionKey` decides who created it: the insert that
 * loses reads the winner's record instead.
 */
import { isDuplicateKeyError } from '../../shared/errors.js';

/** What a model keyed by a unique `submissionKey` offers (Donation, RecurringGift). */
interface KeyedModel<T> {
  findOne(filter: { submissionKey: string }): PromiseLike<T | null>;
  create(fields: Record<string, unknown>): Promise<T>;
}

/** The record `submissionKey` names, created from `fields()` the first time; `created` says which. */
export async function findOrCreateBySubmissionKey<T>(
  model: KeyedModel<T>,
  submissionKey: string,
  fields: () => Record<string, unknown>,
): Promise<{ doc: T; created: boolean }> {
  const existing = await model.findOne({ submissionKey });
  if (existing) return { doc: existing, created: false };
  try {
    return { doc: await model.create({ ...fields(), submissionKey }), created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const first = await model.findOne({ submissionKey });
    if (!first) throw error;
    return { doc: first, created: false };
  }
}
