import { z } from 'zod';

export const fieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'Where the problem is, e.g. `body.name` or `query.limit`' }),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().optional(),
      fields: z.array(fieldErrorSchema).optional(),
      current: z.unknown().optional().meta({ description: 'On 409: the current state of the object' }),
    }),
  })
  .meta({ id: 'ErrorResponse' });

export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from `nextCursor` of the previous page' }),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable(),
    })
    .meta({ id });
}

export const healthSchema = z.object({ status: z.literal('ok'), time: z.string() }).meta({ id: 'Health' });
