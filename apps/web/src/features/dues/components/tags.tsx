import { Tag, Typography } from 'antd';
import { arrearsLevelLabels, billStatusLabels, duesCategoryLabels, reductionStatusLabels, type ArrearsLevel, type BillStatus, type DuesCategory, type ReductionStatus } from '@xianfeng/contracts/dues/dues.enums';
import { fixedDuesCategories } from '@xianfeng/contracts/dues/dues.enums';
import { formatBasisPoints, formatFen } from '../money';

const billColors: Record<BillStatus, string> = { unpaid: 'red', partial: 'orange', paid: 'green', waived: 'default' };
export const BillStatusTag = ({ status }: { status: BillStatus }) => <Tag color={billColors[status]}>{billStatusLabels[status]}</Tag>;

const reductionColors: Record<ReductionStatus, string> = { pending: 'blue', approved: 'green', rejected: 'default' };
export const ReductionStatusTag = ({ status }: { status: ReductionStatus }) => <Tag color={reductionColors[status]}>{reductionStatusLabels[status]}</Tag>;

/** Reminder amber, 6 months red; the system only flags — the branch decides (党章 第九条). */
export function ArrearsTag({ level }: { level: ArrearsLevel }) {
  if (level === 'none') return <Tag>{arrearsLevelLabels.none}</Tag>;
  return (
    <Tag color={level === 'lapse_review' ? 'red' : 'gold'} style={{ whiteSpace: 'normal' }} data-testid={`arrears-${level}`}>
      {arrearsLevelLabels[level]}
    </Tag>
  );
}

/** Short category names for tables (the full labels explain the situation in forms). */
export const categoryShort = (c: DuesCategory) => duesCategoryLabels[c].replace(/（.*）$/, '');

/** '0.5%' for a rate, '定额' for the fixed categories. */
export const rateText = (category: DuesCategory, bp: number | null) => (bp === null || fixedDuesCategories.includes(category) ? '定额' : formatBasisPoints(bp));

/** An amount; a negative one (a reversal) in red. */
export function Money({ fen, strong }: { fen: number; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} type={fen < 0 ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatFen(fen)}
    </Typography.Text>
  );
}
