/** Input shapes of the accountant's pages (/admin/books): months as `YYYY-MM`. */
import { z } from 'zod';

const month = z.string('accounting.errors.month').regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'accounting.errors.month');
const optionalMonth = z
  .union([month, z.literal('')])
  .optional()
  .transform((v) => v || undefined);

export const trialBalanceQuery = z.object({ through: optionalMonth });

export const ledgerExportQuery = z.object({ from: month, to: month });

export const closeMonthSchema = z.object({
  month,
  /** Closing cannot be undone: the box says so and must be ticked. */
  confirm: z.literal('on', 'accounting.errors.confirmClose'),
});

export const payoutsQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
