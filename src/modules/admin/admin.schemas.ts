/** Input shapes of the admin pages; a bad page number means the first page. */
import { z } from 'zod';

export const pageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** The to-do lists that have a page of their own (/admin/todo/:list): the other pages lack them. */
export const TODO_LISTS = ['reviews', 'tranches', 'reports'] as const;
export type TodoList = (typeof TODO_LISTS)[number];

export const isTodoList = (value: string): value is TodoList => (TODO_LISTS as readonly string[]).includes(value);
