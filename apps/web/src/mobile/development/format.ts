/** `2026年12月20日`: dates as people write them (the server's plain-words texts use the same form). */
export function zhDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** Today on the phone, `YYYY-MM-DD` (the server checks dates against its own Asia/Shanghai day). */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Where the applicant stands, by stage number. */
export const stageNames: Record<number, string> = {
  1: '申请入党',
  2: '入党积极分子',
  3: '发展对象',
  4: '接收预备党员',
  5: '预备党员考察和转正',
};

export const caseStatusText: Record<'open' | 'archived' | 'stopped', string> = { open: '办理中', archived: '已办结归档', stopped: '已终止' };
