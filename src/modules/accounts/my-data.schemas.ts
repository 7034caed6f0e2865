/** Input shapes of the personal-data forms (deletion request, staff resolution); messages are i18n keys. */
import { z } from 'zod';
import { DELETION_STATUSES } from './deletion-request.model.js';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');

export const deletionRequestSchema = z.object({
  // A deliberate tick, not a stray click: the request page explains what is kept by law first.
  confirm: z.literal('on', 'myData.confirmRequired'),
  reason: text(1000).optional().default(''),
});

export const resolveDeletionSchema = z
  .object({
    status: z.enum(['done', 'declined'], 'validation.choice'),
    note: text(2000).optional().default(''),
  })
  .refine((v) => v.status !== 'declined' || v.note.length > 0, { path: ['note'], message: 'myData.noteRequired' });

/** The staff list's filter: one status, or all of them. */
export const DELETION_LIST_STATUSES = [...DELETION_STATUSES, 'all'] as const;

export const deletionListQuery = z.object({
  status: z.enum(DELETION_LIST_STATUSES).catch('open'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
