import type { MemberCategory, MemberState, MemberStatus } from '@xianfeng/contracts/member/member.enums';
import { memberCategoryLabels, memberStateLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';

export const genderLabels = { male: '男', female: '女' } as const;

export const statusColor: Record<MemberStatus, string> = { full: 'red', probationary: 'orange' };
export const stateColor: Record<MemberState, string> = { active: 'green', suspended: 'volcano', left: 'default' };

export const categoryText = (c: MemberCategory) => memberCategoryLabels[c];
export const statusText = (s: MemberStatus) => memberStatusLabels[s];
export const stateText = (s: MemberState) => memberStateLabels[s];

/** Whole years between a YYYY-MM-DD date and today (browser clock). */
export function yearsSince(date: string, today = new Date()): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}
