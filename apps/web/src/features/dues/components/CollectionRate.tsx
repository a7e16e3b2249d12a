import { Progress } from 'antd';
import { formatBasisPoints } from '../money';

/** 收缴率 as a bar and its exact figure; '无账单' when nothing was billed. */
export function CollectionRate({ bp, width }: { bp: number | null; width?: number }) {
  if (bp === null) return <span style={{ color: '#999' }}>无账单</span>;
  const color = bp >= 9000 ? '#389e0d' : bp >= 6000 ? '#d48806' : '#cf1322';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, width: width ?? 200 }}>
      <Progress percent={bp / 100} showInfo={false} strokeColor={color} size="small" style={{ flex: 1, margin: 0 }} />
      <span style={{ fontVariantNumeric: 'tabular-nums', minWidth: 58, textAlign: 'right' }}>{formatBasisPoints(bp)}</span>
    </span>
  );
}
