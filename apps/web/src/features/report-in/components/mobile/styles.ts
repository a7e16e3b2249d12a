import type { CSSProperties } from 'react';
import type { ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import { m as duesStyles } from '@/features/dues/components/mobile/styles';

/** The H5's look (large type ≥ 17px, big touch targets) as 我的党费 has it, plus what 双报到 needs. */
export const m = {
  ...duesStyles,
  title: { fontSize: 21, fontWeight: 700, lineHeight: 1.4 },
  line: { fontSize: 18, lineHeight: 1.6, color: '#333' },
  item: { padding: '14px 16px', borderTop: '1px solid #eee' },
  chip: { minHeight: 48, padding: '0 16px', fontSize: 18, borderRadius: 24, border: '1px solid #b71c1c', background: '#fff', color: '#b71c1c' },
  chipOn: { background: '#b71c1c', color: '#fff' },
  button: { minHeight: 52, minWidth: 104, fontSize: 19, borderRadius: 10, border: 'none', background: '#b71c1c', color: '#fff' },
  buttonQuiet: { minHeight: 48, fontSize: 18, borderRadius: 10, border: '1px solid #999', background: '#fff', color: '#333' },
  input: { width: '100%', boxSizing: 'border-box', minHeight: 52, fontSize: 19, padding: '8px 12px', borderRadius: 8, border: '1px solid #bbb' },
  tag: { display: 'inline-block', fontSize: 16, padding: '0 8px', borderRadius: 6, background: '#f0f0f0', color: '#333', marginRight: 8 },
  ok: { marginTop: 12, padding: '12px 14px', borderRadius: 8, background: '#f6ffed', color: '#237804', fontSize: 18 },
} satisfies Record<string, CSSProperties>;

export const statusStyle: Record<ReportInStatus, CSSProperties> = {
  registered: { background: '#fffbe6', color: '#7c5800' },
  confirmed: { background: '#f6ffed', color: '#237804' },
  declined: { background: '#fff1f0', color: '#a8071a' },
  ended: { background: '#f0f0f0', color: '#444' },
};
