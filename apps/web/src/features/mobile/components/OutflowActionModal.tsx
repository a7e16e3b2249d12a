import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { reportKindLabels, reportKinds, type ReportKind } from '@xianfeng/contracts/mobile/mobile.enums';
import { DATE_FORMAT, fromDayjs } from '@/lib/dates';
import { placeServerErrors } from '../../dues/components/server-errors';
import { endOutflow, markLostContact, mobileKeys, recordReport, type OutflowView } from '../api';

export type OutflowAction = 'report' | 'lost' | 'end';

interface Values {
  kind?: ReportKind;
  outcome?: 'returned' | 'transferred';
  on: Dayjs;
  content?: string;
  note?: string;
}

const titles: Record<OutflowAction, string> = { report: '登记联系或汇报', lost: '标记失去联系', end: '结束流出登记' };
const hints: Record<OutflowAction, string> = {
  report: '“联系情况”是支部与党员取得联系；党员本人的汇报（参加组织生活、思想工作情况）每年至少一次。登记任一项都算恢复联系。',
  lost: '经电话、家属等多方联系仍无法取得联系时标记。失去联系满 6 个月、经多方寻找仍无法取得联系的，按党员教育管理工作条例第二十四条停止党籍——由支部研究决定，系统只作提醒。',
  end: '党员返回，或组织关系已转出（转接请在“组织关系转接”中办理），结束本次流出登记；已开具的活动证随之失效。',
};

/** The acts on an open registration, one small form each: a report, lost contact, the end. */
export function OutflowActionModal({ target, onClose }: { target: { action: OutflowAction; o: OutflowView } | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const action = target?.action ?? 'report';

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    setTopError(null);
    form.setFieldsValue({ on: dayjs(), kind: 'contact', outcome: 'returned' });
  }, [target]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const on = fromDayjs(v.on)!;
    setBusy(true);
    setTopError(null);
    try {
      if (action === 'report') await recordReport(target.o.id, { kind: v.kind!, reportedOn: on, content: v.content!.trim() });
      else if (action === 'lost') await markLostContact(target.o.id, { since: on, note: v.note?.trim() || null });
      else await endOutflow(target.o.id, { outcome: v.outcome!, endedOn: on, note: v.note?.trim() || null });
      await queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, ['kind', 'content', 'note', 'outcome', 'on'], { rename: { reportedOn: 'on', since: 'on', endedOn: 'on' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? `${titles[action]}：${target.o.memberName}` : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} data-testid={`outflow-${action}-form`}>
        <Alert type={action === 'lost' ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }} title={hints[action]} />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        {action === 'report' && (
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Radio.Group options={reportKinds.map((k) => ({ value: k, label: reportKindLabels[k] }))} />
          </Form.Item>
        )}
        {action === 'end' && (
          <Form.Item name="outcome" label="结束方式" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'returned', label: '已返回' },
                { value: 'transferred', label: '已转出组织关系' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="on" label={{ report: '日期', lost: '失去联系自', end: '结束日期' }[action]} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker aria-label="日期" format={DATE_FORMAT} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {action === 'report' ? (
          <Form.Item name="content" label="内容" rules={[{ required: true, whitespace: true, message: '请填写内容' }, { max: 1000 }]}>
            <Input.TextArea aria-label="内容" rows={4} placeholder="如：电话联系，在外工作稳定，已在当地街道党工委参加主题党日" />
          </Form.Item>
        ) : (
          <Form.Item name="note" label="备注" rules={[{ max: 200 }]}>
            <Input aria-label="备注" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
