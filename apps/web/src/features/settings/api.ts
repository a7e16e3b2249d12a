import { http } from '@/lib/http';

import type { EffectiveSetting } from '@xianfeng/contracts/settings/settings.schemas';

/** One settings key as it applies to an org: the value, where it comes from, and the regulation default. */
export type { EffectiveSetting };

export const listOrgSettings = (orgId: string) => http.get<EffectiveSetting[]>(`/api/orgs/${orgId}/settings`);
/** `value: null` removes the org's own value, so the key inherits again. */
export const setOrgSetting = (orgId: string, key: string, value: unknown) =>
  http.put<EffectiveSetting[]>(`/api/orgs/${orgId}/settings/${encodeURIComponent(key)}`, { value });

export const settingsKeys = { org: (orgId: string) => ['settings', orgId] as const };
