/** How the 介绍信 writes numbers and dates (the paper form uses Chinese numerals, capitals where amounts can be altered). */

const CAPITALS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–9999 in 大写 (壹拾伍, 叁佰零陆): for days and amounts that must not be altered on paper. */
export function capitalNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`capitalNumber: ${n}`);
  if (n === 0) return CAPITALS[0]!;
  const units = ['仟', '佰', '拾', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += CAPITALS[0];
    zero = false;
    out += CAPITALS[d]! + units[i]!;
  });
  return out;
}

/** Yuan and fen in 大写 (人民币 伍拾元整, 壹佰贰拾元零伍角). */
export function capitalYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const f = fen % 10;
  let out = `${capitalNumber(yuan)}元`;
  if (jiao === 0 && f === 0) return `${out}整`;
  out += jiao > 0 ? `${CAPITALS[jiao]}角` : '零';
  if (f > 0) out += `${CAPITALS[f]}分`;
  return out;
}

/** 1–31 in 小写 for dates (十一, 二十二, 三十一). */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** `2026-11-22` → 二〇二六年十一月二十二日; `2026-10` → 二〇二六年十月. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = [...(y ?? '')].map((c) => DIGITS[Number(c)]).join('');
  return `${year}年${smallNumber(Number(m))}月${d ? `${smallNumber(Number(d))}日` : ''}`;
}
