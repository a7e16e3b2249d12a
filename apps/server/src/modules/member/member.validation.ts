import type { ErrorDetail } from '@xianfeng/contracts/common/errors';
import type { ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import { anniversary } from '../../platform/dates.ts';
import { idProblemMessages, parseIdNumber, type ParsedIdNumber } from './member.rules.ts';

export interface MemberFacts {
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  joinedOn: string;
  fullMemberOn: string | null | undefined;
  status: 'full' | 'probationary';
}

export interface FactProblem {
  code: ErrorCode;
  detail: ErrorDetail;
}

/**
 * The cross-field rules of a member file, shared by create, update and (later) Excel import so every
 * path refuses the same things with the same codes. Returns every problem, not just the first.
 */
export function checkMemberFacts(f: MemberFacts, today: string): { parsed: ParsedIdNumber | null; problems: FactProblem[] } {
  const problems: FactProblem[] = [];
  const add = (code: ErrorCode, path: string, message: string, article?: string) =>
    problems.push({ code, detail: { path, message, ...(article ? { article } : {}) } });
  const parsed = parseIdNumber(f.idNumber, today);
  if (typeof parsed === 'string') {
    add('MEMBER_ID_NUMBER_INVALID', 'idNumber', idProblemMessages[parsed], 'GB 11643-1999');
    return { parsed: null, problems };
  }
  if (parsed.gender !== f.gender) add('MEMBER_GENDER_MISMATCH', 'gender', '性别：与身份证号码第 17 位不一致', 'GB 11643-1999');
  if (parsed.birthDate !== f.birthDate) add('MEMBER_BIRTH_DATE_MISMATCH', 'birthDate', `出生日期：身份证号码中为 ${parsed.birthDate}`, 'GB 11643-1999');
  // 党章 第一条: 年满十八岁 — one joins at 18 or older; eligible on the 18th birthday itself (§10).
  if (f.joinedOn < anniversary(parsed.birthDate, 18)) add('MEMBER_DATES_INCONSISTENT', 'joinedOn', '入党日期：入党时应年满 18 周岁', '党章 第一条');
  if (f.joinedOn > today) add('MEMBER_DATES_INCONSISTENT', 'joinedOn', '入党日期：不能晚于今天');
  if (f.fullMemberOn) {
    if (f.status === 'probationary') add('MEMBER_DATES_INCONSISTENT', 'fullMemberOn', '转正日期：预备党员尚未转正');
    else if (f.fullMemberOn < f.joinedOn) add('MEMBER_DATES_INCONSISTENT', 'fullMemberOn', '转正日期：不能早于入党日期');
    else if (f.fullMemberOn > today) add('MEMBER_DATES_INCONSISTENT', 'fullMemberOn', '转正日期：不能晚于今天');
  }
  return { parsed, problems };
}
