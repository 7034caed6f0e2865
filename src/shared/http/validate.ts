/**
 * Parses request input with a zod schema. Failures become a ValidationError whose fields carry
 * i18n keys, so the same schema gives Thai or English messages beside each form field.
 */
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors.js';
import { hasTranslation } from '../i18n/index.js';

type Issue = z.core.$ZodIssue;

function messageFor(issue: Issue): { key: string; params?: Record<string, unknown> } {
  // Schemas name their own messages by i18n key ('validation.required', 'donations.taxIdInvalid');
  // a named 'validation.tooLong' still needs its limit for the {{max}} in the text.
  if (/^[a-zA-Z]+\.[a-zA-Z0-9_.]+$/.test(issue.message) && hasTranslation('th', issue.message)) {
    if (issue.code === 'too_big') return { key: issue.message, params: { max: Number(issue.maximum) } };
    if (issue.code === 'too_small') return { key: issue.message, params: { min: Number(issue.minimum) } };
    return { key: issue.message };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === '' ? 'validation.required' : 'validation.invalid' };
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? { key: 'validation.required' }
        : { key: 'validation.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return {
        key: issue.origin === 'string' ? 'validation.tooLong' : 'validation.tooBig',
        params: { max: Number(issue.maximum) },
      };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.email' : 'validation.invalid' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    default:
      return { key: 'validation.invalid' };
  }
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  // reportInput: a list or an object where text belongs is "invalid", not "required".
  const result = schema.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    // A bad item in a list (roles.0, budget.2.unitCost) is reported on the list's own field
    // (roles, budget), where the form shows it.
    const index = issue.path.findIndex((part) => typeof part === 'number');
    const named = (index === -1 ? issue.path : issue.path.slice(0, index)).map(String);
    const name = named.length > 0 ? named.join('.') : '_form';
    fields[name] ??= messageFor(issue);
  }
  throw new ValidationError(fields);
}
