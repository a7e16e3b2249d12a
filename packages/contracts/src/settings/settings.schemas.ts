import { z } from 'zod';
import { uuid } from '../common/common.schemas.ts';

/** A key's effective value at an org and where it comes from (nearest ancestor that set it, else the default). */
export const effectiveSetting = z.object({
  key: z.string(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  sourceOrgId: uuid.nullable(),
  sourceOrgName: z.string().nullable(),
  setHere: z.boolean(),
  zh: z.string(),
  article: z.string().nullable(),
  security: z.boolean(),
});
export type EffectiveSetting = z.infer<typeof effectiveSetting>;
