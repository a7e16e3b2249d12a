import { z } from 'zod';

export const uuid = z.uuid({ error: '必须是有效的 UUID' });
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: '不是有效的日期',
  });

export const pageQuery = {
  page: z.coerce.number().int().min(1, { error: '页码从 1 开始' }).default(1),
  pageSize: z.coerce.number().int().min(1, { error: '每页条数为 1–100' }).max(100, { error: '每页条数为 1–100' }).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string(), article: z.string().optional() })).optional(),
  }),
});

export const okBody = z.object({ ok: z.literal(true) });
