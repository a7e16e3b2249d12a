import type { MemberCareView, UpdateCareInput } from './api';

export type DeliverTo = MemberCareView['deliverTo'];

/** 关怀设置 as both shells' forms hold them (text inputs hold '' for "none"). */
export interface CareValues {
  birthdayGreetings: boolean;
  deliverTo: DeliverTo;
  familyName: string;
  familyPhone: string;
  gridWorkerAccountId: string;
}

export const careFields = ['birthdayGreetings', 'deliverTo', 'familyName', 'familyPhone', 'gridWorkerAccountId'] as const satisfies readonly (keyof CareValues)[];

export const deliverToLabels: Record<DeliverTo, string> = { self: '本人接收', family: '家属代收', grid_worker: '网格员代收' };

/** The family phone comes back masked (138****8000); a masked value left as it is means "unchanged". */
export const isMaskedPhone = (s: string | null | undefined) => !!s && s.includes('*');

export function toCareValues(c: MemberCareView): CareValues {
  return {
    birthdayGreetings: c.birthdayGreetings,
    deliverTo: c.deliverTo,
    familyName: c.familyName ?? '',
    familyPhone: c.familyPhone ?? '',
    gridWorkerAccountId: c.gridWorkerAccountId ?? '',
  };
}

const blankToNull = (s: string | undefined) => (s === undefined ? undefined : s.trim() === '' ? null : s.trim());

/** Only what changed (PUT takes any subset); null when nothing did. */
export function carePatch(initial: CareValues, v: Partial<CareValues>): UpdateCareInput | null {
  const patch: UpdateCareInput = {};
  if (v.birthdayGreetings !== undefined && v.birthdayGreetings !== initial.birthdayGreetings) patch.birthdayGreetings = v.birthdayGreetings;
  if (v.deliverTo !== undefined && v.deliverTo !== initial.deliverTo) patch.deliverTo = v.deliverTo;
  const name = blankToNull(v.familyName);
  if (name !== undefined && name !== blankToNull(initial.familyName)) patch.familyName = name;
  const phone = blankToNull(v.familyPhone);
  if (phone !== undefined && phone !== blankToNull(initial.familyPhone) && !isMaskedPhone(phone)) patch.familyPhone = phone;
  const gw = blankToNull(v.gridWorkerAccountId);
  if (gw !== undefined && gw !== blankToNull(initial.gridWorkerAccountId)) patch.gridWorkerAccountId = gw;
  return Object.keys(patch).length ? patch : null;
}
