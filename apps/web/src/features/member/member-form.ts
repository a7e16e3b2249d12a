import type { Dayjs } from 'dayjs';
import type { MemberCategory } from '@xianfeng/contracts/member/member.enums';
import { fromDayjs, toDayjs } from '@/lib/dates';
import type { MemberFile, UpdateMemberInput } from './api';

/** The editable fields of a member file, as the antd form holds them. */
export interface MemberFormValues {
  name: string;
  gender: 'male' | 'female';
  birthDate: Dayjs | null;
  idNumber: string;
  phone: string;
  address: string;
  ethnicity: string;
  education: string | null;
  occupation: string | null;
  joinedOn: Dayjs | null;
  fullMemberOn: Dayjs | null;
  category: MemberCategory;
  workUnit: string;
  householdHub: boolean;
  lostContact: boolean;
  notes: string;
}

export const memberFormFields = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'address',
  'ethnicity',
  'education',
  'occupation',
  'joinedOn',
  'fullMemberOn',
  'category',
  'workUnit',
  'householdHub',
  'lostContact',
  'notes',
] as const satisfies readonly (keyof MemberFormValues)[];

export function toFormValues(m: MemberFile): MemberFormValues {
  return {
    name: m.name,
    gender: m.gender,
    birthDate: toDayjs(m.birthDate),
    idNumber: m.idNumber,
    phone: m.phone ?? '',
    address: m.address ?? '',
    ethnicity: m.ethnicity,
    education: m.education,
    occupation: m.occupation,
    joinedOn: toDayjs(m.joinedOn),
    fullMemberOn: toDayjs(m.fullMemberOn),
    category: m.category,
    workUnit: m.workUnit ?? '',
    householdHub: m.householdHub,
    lostContact: m.lostContact,
    notes: m.notes ?? '',
  };
}

type Wire = string | boolean | null;

/** A form value as the API wants it: dates as YYYY-MM-DD, blank text as null. */
function toWire(v: unknown): Wire {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'object' && 'format' in v) return fromDayjs(v as Dayjs);
  return String(v);
}

/**
 * Only the fields that changed, plus `version` (optimistic locking: a concurrent edit answers 409).
 * Returns null when nothing changed.
 */
export function diffPatch(initial: MemberFormValues, current: Partial<MemberFormValues>, version: number): UpdateMemberInput | null {
  const patch: Record<string, Wire> = {};
  for (const f of memberFormFields) {
    if (!(f in current)) continue;
    const before = toWire(initial[f]);
    const after = toWire(current[f]);
    if (before !== after) patch[f] = after;
  }
  if (Object.keys(patch).length === 0) return null;
  return { ...patch, version } as UpdateMemberInput;
}
