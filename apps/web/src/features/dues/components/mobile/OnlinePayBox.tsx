import { useState } from 'react';
import { Button, Dialog } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { duesKeys, recordPayment, type MemberDuesView, type PaymentInput, type PaymentView } from '../../api';
import { paymentErrorText, useIdempotencyKey } from '../../idempotency';
import { formatFen } from '../../money';
import { todayInBeijing } from '../../months';
import { m } from './styles';

/**
 * 线上交纳 (H5): what is owed, or one month ahead when nothing is; one tap, a confirmation, then the receipt
 * number. A dropped connection is retried with the same Idempotency-Key, so it is never paid twice.
 */
export function OnlinePayBox({ dues }: { dues: MemberDuesView }) {
  const queryClient = useQueryClient();
  const idem = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PaymentView | null>(null);
  const amountFen = dues.owedFen > 0 ? dues.owedFen : (dues.currentMonthlyFen ?? 0);

  if (done) {
    return (
      <div style={{ ...m.card, padding: 16 }} data-testid="online-paid" role="status">
        <div style={{ fontSize: 22, fontWeight: 700, color: '#237804' }}>交纳成功 {formatFen(done.amountFen)}</div>
        <div style={{ fontSize: 19, marginTop: 8 }}>
          收据号：<span style={{ fontFamily: 'monospace', fontWeight: 700 }} data-testid="my-receipt-no">{done.receiptNo}</span>
        </div>
        {!done.moneyMoved && <div style={m.devNote}>开发环境：已记录交纳，未实际扣款</div>}
        <Button block size="large" style={{ marginTop: 16, minHeight: 52, fontSize: 19 }} onClick={() => setDone(null)}>
          好的
        </Button>
      </div>
    );
  }
  if (amountFen <= 0) {
    return <p style={{ ...m.gentle, margin: 12 }}>支部还没有为您核定每月党费，暂时不能线上交纳。如有疑问，请联系所在支部。</p>;
  }

  const pay = async () => {
    const ok = await Dialog.confirm({
      content: <div style={{ fontSize: 20, lineHeight: 1.6, textAlign: 'center' }}>确认线上交纳党费 {formatFen(amountFen)}？</div>,
      confirmText: <span style={{ fontSize: 19 }}>确认交纳</span>,
      cancelText: <span style={{ fontSize: 19 }}>再想想</span>,
    });
    if (!ok) return;
    const body: PaymentInput = { memberId: dues.memberId, amountFen, method: 'online', paidOn: todayInBeijing() };
    setBusy(true);
    setError(null);
    try {
      const p = await recordPayment(body, idem.keyFor(body));
      idem.reset();
      setDone(p);
      await queryClient.invalidateQueries({ queryKey: duesKeys.all });
    } catch (err) {
      idem.failed(err);
      setError(paymentErrorText(err, '交纳没有成功，请稍后再试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ margin: 12 }}>
      <Button block color="primary" size="large" loading={busy} onClick={() => void pay()} style={{ minHeight: 60, fontSize: 21 }} data-testid="pay-online">
        线上交纳 {formatFen(amountFen)}
      </Button>
      <p style={{ ...m.small, textAlign: 'center', marginTop: 8 }}>{dues.owedFen > 0 ? '交纳未交的月份，从最早的月份算起' : '预交一个月，下个月生成账单时自动抵扣'}</p>
      {error && (
        <div style={m.error} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
