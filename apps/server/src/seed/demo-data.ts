import { idCheckChar } from '../modules/member/member.rules.ts';
import { addYears, anniversary } from '../platform/dates.ts';

/** A small deterministic PRNG (mulberry32) so the demo district is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋海峰建国志文东兴德福';
const GIVEN_F = '芳娜敏静丽艳娟霞秀英华玲萍红梅琳燕丹慧莉婷雪颖倩琴云洁萍兰凤珍晶欣怡佳';

export function personName(r: Rng, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_M : GIVEN_F;
  const given = r.chance(0.7) ? r.pick([...pool]) + r.pick([...pool]) : r.pick([...pool]);
  return r.pick([...SURNAMES]) + given;
}

/** Synthetic but valid ID numbers (GB 11643 check digit) under a few real-format region codes. */
const REGIONS = ['110101', '110102', '110105', '110106', '110108', '130102', '370102', '420102', '320102', '510104'];

export function idNumber(r: Rng, birthDate: string, gender: 'male' | 'female', taken: Set<string>): string {
  for (;;) {
    const seq = r.int(0, 99) * 10 + (gender === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]));
    const body = `${r.pick(REGIONS)}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = body + idCheckChar(body);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function phone(r: Rng): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
}

export function dateBetween(r: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(r.next() * (b - a))).toISOString().slice(0, 10);
}

export type Profile = 'community' | 'retired' | 'government' | 'soe' | 'private' | 'social' | 'school';

/** Age ranges by where a member is: community branches are older, enterprises younger. */
const AGE: Record<Profile, [number, number]> = {
  community: [28, 85],
  retired: [60, 92],
  government: [24, 59],
  soe: [23, 59],
  private: [22, 50],
  social: [22, 55],
  school: [22, 60],
};

export interface DemoMember {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  ethnicity: string;
  education: string;
  occupation: string;
  joinedOn: string;
  fullMemberOn: string | null;
  status: 'full' | 'probationary';
  category: 'resident' | 'in_service' | 'mobile' | 'retired';
  workUnit: string | null;
}

export function demoMember(r: Rng, p: { profile: Profile; today: string; taken: Set<string>; probationaryShare: number; unit: string | null; address: string }): DemoMember {
  const gender = r.chance(p.profile === 'community' || p.profile === 'retired' ? 0.45 : 0.62) ? 'male' : 'female';
  const [minAge, maxAge] = AGE[p.profile];
  const age = r.int(minAge, maxAge);
  const birthDate = dateBetween(r, addYears(p.today, -(age + 1)), addYears(p.today, -age));
  const probationary = age < 45 && r.chance(p.probationaryShare);
  const joinAge = probationary ? age : r.int(18, Math.min(age - 1, 45));
  let joinedOn = probationary ? dateBetween(r, addYears(p.today, -1), p.today) : dateBetween(r, addYears(birthDate, joinAge), addYears(birthDate, joinAge + 1));
  // Aged 18 on the anniversary (党章 第一条; Feb 29 → Mar 1, as member.validation checks it).
  if (joinedOn < anniversary(birthDate, 18)) joinedOn = anniversary(birthDate, 18);
  if (joinedOn > p.today) joinedOn = p.today;
  const fullOn = addYears(joinedOn, 1);
  const status = probationary || fullOn > p.today ? 'probationary' : 'full';
  const education = age >= 65 ? r.pick(['30', '40', '60', '70', '80']) : age >= 45 ? r.pick(['20', '30', '30', '40', '60']) : r.pick(['10', '20', '20', '20', '30']);
  const occupation =
    age >= 60 && p.profile !== 'government'
      ? '离退休人员'
      : p.profile === 'government'
        ? '党政机关工作人员'
        : p.profile === 'school'
          ? r.pick(['企事业单位、社会组织专业技术人员', '学生'])
          : p.profile === 'soe' || p.profile === 'private'
            ? r.pick(['工人（工勤技能人员）', '企事业单位、社会组织专业技术人员', '企事业单位、社会组织管理人员'])
            : r.pick(['其他职业人员', '工人（工勤技能人员）', '企事业单位、社会组织专业技术人员']);
  const category =
    p.profile === 'retired' || (p.profile === 'community' && age >= 60)
      ? r.chance(0.8) ? 'retired' : 'resident'
      : p.profile === 'community'
        ? r.pick(['resident', 'resident', 'in_service', 'mobile'] as const)
        : r.chance(0.9) ? 'resident' : 'mobile';
  return {
    name: personName(r, gender),
    gender,
    birthDate,
    idNumber: idNumber(r, birthDate, gender, p.taken),
    phone: r.chance(0.9) ? phone(r) : null,
    address: p.address,
    ethnicity: r.chance(0.92) ? '01' : r.pick(['03', '08', '11', '02', '15']),
    education,
    occupation,
    joinedOn,
    fullMemberOn: status === 'full' ? fullOn : null,
    status,
    category,
    workUnit: p.unit,
  };
}
