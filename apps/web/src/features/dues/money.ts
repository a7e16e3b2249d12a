/**
 * 党费 amounts are integer 分 (fen) end to end; the screen shows 元 with two decimals. Parsing a typed
 * amount works on the decimal string (never `parseFloat(x) * 100`, which turns '1.15' into 114.999…).
 */

/** 1173 → '11.73'; -1173 → '-11.73'. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1173 → '¥11.73'; a negative amount (a reversal) → '-¥11.73'. */
export function formatFen(fen: number): string {
  return fen < 0 ? `-¥${fenToYuan(-fen)}` : `¥${fenToYuan(fen)}`;
}

const YUAN = /^(\d{1,9})(?:\.(\d{0,2}))?$/;

/**
 * A typed amount in 元 → 分, exactly: '11.73' → 1173, '11.7' → 1170, '11' → 1100, '0.05' → 5. null when it
 * is not a plain non-negative amount with at most two decimals (commas, signs, '1e3' and '11.735' too).
 */
export function parseYuanToFen(text: string): number | null {
  const m = YUAN.exec(text.trim().replace(/^[¥￥]/, ''));
  if (!m) return null;
  const whole = Number(m[1]);
  const cents = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

/** A form rule for an amount field in 元 (an antd `validator`). */
export function yuanRule(label: string, opts: { required?: boolean; min?: number } = {}) {
  return {
    validator: (_: unknown, v: string | undefined) => {
      const text = (v ?? '').trim();
      if (!text) return opts.required === false ? Promise.resolve() : Promise.reject(new Error(`请填写${label}`));
      const fen = parseYuanToFen(text);
      if (fen === null) return Promise.reject(new Error(`${label}应为金额，最多两位小数，如 11.73`));
      if (opts.min !== undefined && fen < opts.min) return Promise.reject(new Error(`${label}应不少于 ${formatFen(opts.min)}`));
      return Promise.resolve();
    },
  };
}

/** A rate in basis points → percent text: 50 → '0.5%', 150 → '1.5%', 8523 → '85.23%'. */
export function formatBasisPoints(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}
