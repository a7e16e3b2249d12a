import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { decidedLeaveKinds, leaveKindLabels, leaveKinds, suspensionBases, suspensionBasisLabels, type LeaveKind, type SuspensionBasis } from '@xianfeng/contracts/member/member.enums';
import { memberFieldLabels } from '@xianfeng/contracts/member/member.schemas';
import { applyServerErrors } from '@/lib/form-errors';
import { ApiError, errorMessage } from '@/lib/http';
import { DATE_FORMAT, fromDayjs } from '@/lib/dates';
import { todayInBeijing } from '../../dues/months';
import { leaveMember, memberKeys, restoreMember, suspendMember, type MemberFile } from '../api';

export type StandingAct = 'leave' | 'suspend' | 'restore';

interface Values {
  kind?: LeaveKind;
  basis?: SuspensionBasis;
  on: Dayjs;
  decisionRef?: string;
  decidedBy?: string;
  reason: string;
}

const titles: Record<StandingAct, string> = { leave: '出党登记', suspend: '停止党籍', restore: '恢复党籍' };
const doneText: Record<StandingAct, string> = { leave: '已登记出党', suspend: '已停止党籍', restore: '已恢复党籍' };
const FIELDS = ['kind', 'basis', 'on', 'decisionRef', 'decidedBy', 'reason'] as const;
const L = (f: string) => memberFieldLabels[f] ?? f;
const needsRef = (k: LeaveKind | undefined) => !!k && (decidedLeaveKinds as readonly string[]).includes(k);

/** The server names leftOn / decidedOn; the form has one date field. A message that already cites its article is not cited twice. */
function placeErrors(form: FormInstance<Values>, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const details = err.details.map((d) => {
    const path = d.path === 'leftOn' || d.path === 'decidedOn' ? 'on' : d.path;
    const cited = !!d.article && d.message.includes(d.article.split(' ').pop() ?? d.article);
    return cited ? { path, message: d.message } : { ...d, path };
  });
  const rest = applyServerErrors(form, new ApiError(err.status, err.code, err.message, details), FIELDS);
  if (details.length > 0 && rest.length === 0) return null;
  return [err.message, ...rest.filter((r) => r !== err.message)].join('；');
}

/**
 * 党籍变动 dialogs: 出党 (去世、退党、除名、开除党籍), 停止党籍 and 恢复党籍, each with its decision — date, 文号,
 * deciding body and reason. Field refusals from the server are shown under the fields.
 */
export function StandingModal({ member, act, onClose }: { member: MemberFile; act: StandingAct | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const basis = Form.useWatch('basis', form);
  const today = todayInBeijing();

  useEffect(() => {
    if (!act) return;
    form.resetFields();
    setTopError(null);
    form.setFieldsValue({ on: dayjs(today), ...(act === 'leave' ? { kind: 'death' } : act === 'suspend' ? { basis: member.lostContact ? 'lost_contact' : 'abroad' } : {}) });
    // Reset each time the dialog opens for an act.
  }, [act]);

  const submit = async () => {
    if (!act) return;
    const v = await form.validateFields();
    const on = fromDayjs(v.on)!;
    const decision = { reason: v.reason, ...(v.decisionRef ? { decisionRef: v.decisionRef } : {}), ...(v.decidedBy ? { decidedBy: v.decidedBy } : {}) };
    setBusy(true);
    setTopError(null);
    try {
      if (act === 'leave') await leaveMember(member.id, { kind: v.kind!, leftOn: on, ...decision });
      else if (act === 'suspend') await suspendMember(member.id, { basis: v.basis!, decidedOn: on, ...decision, decisionRef: v.decisionRef ?? '' });
      else await restoreMember(member.id, { decidedOn: on, ...decision, decisionRef: v.decisionRef ?? '' });
      void message.success(doneText[act]);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  const refRequired = act === 'suspend' || act === 'restore' || needsRef(kind);
  return (
    <Modal
      open={act !== null}
      title={act ? `${titles[act]}：${member.name}` : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger={act !== 'restore'} loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="standing-submit">
          确认{act ? titles[act] : ''}
        </Button>,
      ]}
      width={560}
    >
      <Form form={form} layout="vertical" onValuesChange={() => topError && setTopError(null)} data-testid={`standing-form-${act ?? 'none'}`}>
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="standing-error" />}
        {act === 'suspend' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="依据：党员教育管理工作条例 第二十四条"
            description="与党组织失去联系 6 个月以上、通过各种方式查找仍然没有音讯的党员，停止其党籍；出国（境）定居，或出国（境）学习研究逾期未归的，也停止其党籍。以失联为由停止党籍，须先在档案中登记为失联党员。"
          />
        )}
        {act === 'suspend' && basis === 'lost_contact' && !member.lostContact && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="该党员尚未登记为失联党员，请先在“修改档案”中登记失联" />
        )}
        {act === 'restore' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={member.state === 'suspended' ? '停止党籍后与党组织恢复联系的，经组织决定恢复党籍，同时取消失联登记' : '仅限除名、开除党籍经申诉复议撤销的情形；恢复后清除出党登记'}
          />
        )}
        {act === 'leave' && (
          <Form.Item name="kind" label="出党类型" rules={[{ required: true, message: '请选择出党类型' }]}>
            <Select options={leaveKinds.map((k) => ({ value: k, label: leaveKindLabels[k] }))} />
          </Form.Item>
        )}
        {act === 'suspend' && (
          <Form.Item name="basis" label={L('basis')} rules={[{ required: true, message: '请选择停止党籍依据' }]}>
            <Select options={suspensionBases.map((b) => ({ value: b, label: suspensionBasisLabels[b] }))} />
          </Form.Item>
        )}
        <Form.Item name="on" label={act === 'leave' ? (kind === 'death' ? '去世日期' : '出党日期') : '决定日期'} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            disabledDate={(d) => d.format(DATE_FORMAT) > today || d.format(DATE_FORMAT) < member.joinedOn}
          />
        </Form.Item>
        <Form.Item
          name="decisionRef"
          label={L('decisionRef')}
          extra={act === 'leave' && !needsRef(kind) ? '去世、退党可不填' : '例如：×纪发〔2026〕3号'}
          rules={[{ required: refRequired, whitespace: true, message: '请填写组织决定的文号' }, { max: 100, message: '最多 100 个字' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="decidedBy" label={L('decidedBy')} rules={[{ max: 100, message: '最多 100 个字' }]}>
          <Input maxLength={100} placeholder="作出决定的党组织名称" />
        </Form.Item>
        <Form.Item name="reason" label={act === 'leave' ? '出党原因' : '事由'} rules={[{ required: true, whitespace: true, min: 2, message: '请填写事由（至少 2 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
