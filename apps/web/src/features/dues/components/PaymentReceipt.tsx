import { Alert, Descriptions, Typography } from 'antd';
import { paymentMethodLabels } from '@xianfeng/contracts/dues/dues.enums';
import type { PaymentView } from '../api';
import { formatFen } from '../money';
import { monthText } from '../months';

/** What a recorded payment (or reversal) did: the receipt number first, then where the money went. */
export function PaymentReceipt({ p }: { p: PaymentView }) {
  const reversal = p.kind === 'reversal';
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="payment-receipt">
      <Alert
        type={reversal ? 'warning' : 'success'}
        showIcon
        title={reversal ? '已冲正' : '已登记交纳'}
        description={
          <span style={{ fontSize: 16 }}>
            收据号：
            <Typography.Text strong copyable data-testid="receipt-no" style={{ fontFamily: 'monospace', fontSize: 18 }}>
              {p.receiptNo}
            </Typography.Text>
          </span>
        }
      />
      {!p.moneyMoved && p.provider === 'development' && <Alert type="info" showIcon title="开发环境：已记录交纳，未实际扣款" />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="党员">{p.memberName}</Descriptions.Item>
        {p.payerName && <Descriptions.Item label="代缴人">{p.payerName}</Descriptions.Item>}
        <Descriptions.Item label="金额">{formatFen(p.amountFen)}</Descriptions.Item>
        <Descriptions.Item label="方式 / 日期">
          {paymentMethodLabels[p.method]} · {p.paidOn}
        </Descriptions.Item>
        <Descriptions.Item label={reversal ? '撤回的月份' : '计入月份'}>
          {p.allocations.length === 0 ? '—' : p.allocations.map((a) => `${monthText(a.month)} ${formatFen(a.amountFen)}`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="预交余额">{formatFen(p.creditFen)}</Descriptions.Item>
        {p.reason && <Descriptions.Item label="原因">{p.reason}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}
