import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { cancelTransfer, transferKeys, type Decision, type TransferView } from '../api';
import { DecisionModal } from './DecisionModal';
import { ReceiptModal } from './ReceiptModal';
import { ResubmitModal } from './ResubmitModal';

/**
 * The buttons the server offers this caller now (`actions`), nothing else: the step owners decide, the
 * initiator resubmits or withdraws, the sending committee registers the 回执.
 */
export function TransferActions({ transfer }: { transfer: TransferView }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [dialog, setDialog] = useState<'resubmit' | 'receipt' | null>(null);
  const can = (a: TransferView['actions'][number]) => transfer.actions.includes(a);

  const done = (t: TransferView, text: string) => {
    queryClient.setQueryData(transferKeys.detail(t.id), t);
    void queryClient.invalidateQueries({ queryKey: transferKeys.all });
    setDecision(null);
    setDialog(null);
    void message.success(text);
  };

  const cancel = () =>
    modal.confirm({
      title: '撤销这次转接？',
      content: `撤销后 ${transfer.memberName} 的组织关系留在${transfer.fromOrgName}，已办理的环节作废${transfer.letter ? '，已开具的介绍信同时作废' : ''}；需要时可以重新发起。`,
      okText: '撤销转接',
      okButtonProps: { danger: true },
      cancelText: '不撤销',
      onOk: async () => {
        try {
          done(await cancelTransfer(transfer.id), '已撤销');
        } catch (err) {
          void message.error(errorMessage(err));
        }
      },
    });

  if (transfer.actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="transfer-actions">
        {can('approve') && (
          <Button type="primary" onClick={() => setDecision('approve')}>
            同意
          </Button>
        )}
        {can('return') && <Button onClick={() => setDecision('return')}>退回修改</Button>}
        {can('reject') && (
          <Button danger onClick={() => setDecision('reject')}>
            不同意
          </Button>
        )}
        {can('resubmit') && (
          <Button type="primary" onClick={() => setDialog('resubmit')}>
            修改后重新提交
          </Button>
        )}
        {can('receipt') && (
          <Button type="primary" onClick={() => setDialog('receipt')}>
            登记回执
          </Button>
        )}
        {can('cancel') && (
          <Button danger type="text" onClick={cancel}>
            撤销
          </Button>
        )}
      </Space>
      <DecisionModal transfer={transfer} decision={decision} onClose={() => setDecision(null)} onDone={(t) => done(t, decision === 'approve' ? '已同意' : decision === 'return' ? '已退回' : '已办理')} />
      {can('resubmit') && <ResubmitModal transfer={transfer} open={dialog === 'resubmit'} onClose={() => setDialog(null)} onDone={(t) => done(t, '已重新提交')} />}
      {can('receipt') && <ReceiptModal transfer={transfer} open={dialog === 'receipt'} onClose={() => setDialog(null)} onDone={(t) => done(t, '已登记回执，转接办结')} />}
    </>
  );
}
