import { http } from '@/lib/http';

/** One settings key as it applies to an org: the value, where it comes from, and the regulation default. */
export interface EffectiveSetting {
  key: string;
  value: unknown;
  defaultValue: unknown;
  sourceOrgId: string | null;
  sourceOrgName: string | null;
  setHere: boolean;
  zh: string;
  article: string | null;
  security: boolean;
}

export const listOrgSettings = (orgId: string) => http.get<EffectiveSetting[]>(`/api/orgs/${orgId}/settings`);
/** `value: null` removes the org's own value, so the key inherits again. */
export const setOrgSetting = (orgId: string, key: string, value: unknown) =>
  http.put<EffectiveSetting[]>(`/api/orgs/${orgId}/settings/${encodeURIComponent(key)}`, { value });

export const settingsKeys = { org: (orgId: string) => ['settings', orgId] as const };
