import type { CSSProperties } from 'react';

/** H5 for members, many of them elderly: large type (≥ 17px), high contrast, big touch targets. */
export const m = {
  back: { display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44, padding: '0 10px 0 0', color: '#fff', fontSize: 19, background: 'none', border: 'none', cursor: 'pointer' },
  hero: { margin: 12, padding: '20px 16px', borderRadius: 12, background: '#b71c1c', color: '#fff', textAlign: 'center' },
  heroLabel: { fontSize: 20 },
  heroValue: { fontSize: 40, fontWeight: 700, lineHeight: 1.2, margin: '8px 0 4px' },
  card: { margin: 12, borderRadius: 12, background: '#fff', overflow: 'hidden' },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, minHeight: 60, padding: '12px 16px', borderTop: '1px solid #eee', fontSize: 19 },
  rowFirst: { borderTop: 'none' },
  amount: { fontSize: 22, fontWeight: 700, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  gentle: { margin: '0 12px', padding: '14px 16px', borderRadius: 10, background: '#fff8e1', color: '#5d4037', fontSize: 18, lineHeight: 1.6 },
  section: { margin: '20px 16px 4px', fontSize: 20, fontWeight: 700, color: '#111' },
  small: { display: 'block', fontSize: 17, color: '#555', marginTop: 2 },
  years: { display: 'flex', alignItems: 'center', gap: 8, padding: '12px 12px 0' },
  yearButton: { flex: '0 0 auto', minHeight: 48, minWidth: 96, fontSize: 18, borderRadius: 24, border: '1px solid #b71c1c', background: '#fff', color: '#b71c1c' },
  year: { flex: 1, textAlign: 'center', fontSize: 22, fontWeight: 700 },
  devNote: { marginTop: 12, padding: '12px 14px', borderRadius: 8, background: '#e6f4ff', color: '#0b3d91', fontSize: 18, lineHeight: 1.5, fontWeight: 600 },
  error: { marginTop: 12, padding: '12px 14px', borderRadius: 8, background: '#fff1f0', color: '#a8071a', border: '1px solid #ffa39e', fontSize: 18, lineHeight: 1.5 },
} satisfies Record<string, CSSProperties>;
