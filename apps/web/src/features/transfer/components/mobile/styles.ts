import type { CSSProperties } from 'react';
import type { TransferStatus } from '@xianfeng/contracts/transfer/transfer.enums';
import { m as duesStyles } from '@/features/dues/components/mobile/styles';

/** The H5's look (large type ≥ 17px, big touch targets) as 我的党费 has it, plus what transfers need. */
export const m = {
  ...duesStyles,
  link: { display: 'block', margin: 12, padding: '14px 16px', borderRadius: 12, background: '#fff', color: '#111', textDecoration: 'none' },
  title: { fontSize: 21, fontWeight: 700, lineHeight: 1.4 },
  line: { fontSize: 18, lineHeight: 1.6, color: '#333' },
  status: { display: 'inline-block', fontSize: 18, fontWeight: 700, padding: '2px 10px', borderRadius: 6, marginTop: 6 },
  stepRow: { display: 'flex', gap: 12, padding: '14px 16px', borderTop: '1px solid #eee' },
  stepDot: { flex: '0 0 32px', height: 32, borderRadius: 16, color: '#fff', fontSize: 18, fontWeight: 700, display: 'flex', alignItems: 'center', justifyContent: 'center' },
  choice: { display: 'block', width: '100%', minHeight: 60, margin: '8px 0', padding: '10px 14px', fontSize: 19, textAlign: 'left', borderRadius: 10, border: '2px solid #d9d9d9', background: '#fff', color: '#111' },
  choiceOn: { borderColor: '#b71c1c', background: '#fff1f0', fontWeight: 700 },
  chip: { minHeight: 48, padding: '0 16px', fontSize: 18, borderRadius: 24, border: '1px solid #b71c1c', background: '#fff', color: '#b71c1c' },
  chipOn: { background: '#b71c1c', color: '#fff' },
  big: { minHeight: 60, fontSize: 21 },
} satisfies Record<string, CSSProperties>;

/** Status in words and colour a member can tell apart at a glance. */
export const statusStyle: Record<TransferStatus, CSSProperties> = {
  pending: { background: '#e6f4ff', color: '#0b3d91' },
  returned: { background: '#fff7e6', color: '#ad4e00' },
  rejected: { background: '#fff1f0', color: '#a8071a' },
  cancelled: { background: '#f0f0f0', color: '#444' },
  awaiting_receipt: { background: '#fffbe6', color: '#7c5800' },
  completed: { background: '#f6ffed', color: '#237804' },
};
