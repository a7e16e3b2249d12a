import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { outflowReasonSuggestions } from '@xianfeng/contracts/mobile/mobile.enums';
import { DATE_FORMAT, fromDayjs, toDayjs } from '@/lib/dates';
import { MemberSelect } from '../../life/components/MemberSelect';
import { placeServerErrors } from '../../dues/components/server-errors';
import { mobileKeys, registerOutflow, updateOutflow, type OutflowView } from '../api';

interface Values {
  memberId?: string;
  destination: string;
  inflowOrgName?: string;
  reason: string;
  contactPhone?: string;
  contactNote?: string;
  leftOn: Dayjs;
  expectedReturnOn?: Dayjs | null;
  fixedPlace: boolean;
}
const FIELDS = ['memberId', 'destination', 'inflowOrgName', 'reason', 'contactPhone', 'contactNote', 'leftOn', 'expectedReturnOn', 'fixedPlace'] as const;
const reasonOptions = outflowReasonSuggestions.map((value) => ({ value }));

/** Register a member going away (orgId: whose members to pick from), or edit an open registration. */
export function OutflowFormModal({ open, orgId, editing, onClose }: { open: boolean; orgId: string | null; editing: OutflowView | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    if (editing) {
      form.setFieldsValue({
        destination: editing.destination,
        inflowOrgName: editing.inflowOrgName ?? '',
        reason: editing.reason,
        contactNote: editing.contactNote ?? '',
        leftOn: toDayjs(editing.leftOn)!,
        expectedReturnOn: toDayjs(editing.expectedReturnOn),
        fixedPlace: editing.fixedPlace,
      });
    }
  }, [open, editing]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    const facts = {
      destination: v.destination.trim(),
      inflowOrgName: v.inflowOrgName?.trim() || null,
      reason: v.reason.trim(),
      contactNote: v.contactNote?.trim() || null,
      leftOn: fromDayjs(v.leftOn)!,
      expectedReturnOn: fromDayjs(v.expectedReturnOn),
      fixedPlace: !!v.fixedPlace,
    };
    // The phone is shown masked: an empty box on edit keeps the stored one.
    const phone = v.contactPhone?.trim();
    try {
      if (editing) await updateOutflow(editing.id, { ...facts, ...(phone ? { contactPhone: phone } : {}), version: editing.version });
      else await registerOutflow({ memberId: v.memberId!, ...facts, contactPhone: phone || null });
      await queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `修改流出登记：${editing.memberName}` : '登记流出党员'}
      okText={editing ? '保存' : '登记'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ fixedPlace: false }} data-testid="outflow-form">
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        {!editing && (
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <MemberSelect ariaLabel="党员" orgId={orgId ?? undefined} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="destination" label="外出地点" rules={[{ required: true, whitespace: true, message: '请填写外出地点' }, { max: 100 }]} style={{ flex: 1 }}>
            <Input aria-label="外出地点" placeholder="如：广东省深圳市南山区" />
          </Form.Item>
          <Form.Item name="reason" label="外出原因" rules={[{ required: true, whitespace: true, message: '请填写外出原因' }, { max: 100 }]} style={{ flex: 1 }}>
            <AutoComplete aria-label="外出原因" options={reasonOptions} placeholder="如：外出务工" />
          </Form.Item>
        </div>
        <Form.Item name="inflowOrgName" label="流入党组织" rules={[{ max: 100 }]} extra="已知时填写，便于对方核实和接收党员参加组织生活">
          <Input aria-label="流入党组织" placeholder="如：中共深圳市南山区粤海街道工作委员会" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="contactPhone" label="外出期间联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号码应为 11 位，以 1 开头' }]} extra={editing?.contactPhone ? `已登记 ${editing.contactPhone}；不修改请留空` : undefined} style={{ flex: 1 }}>
            <Input aria-label="联系电话" inputMode="numeric" maxLength={11} />
          </Form.Item>
          <Form.Item name="contactNote" label="其他联系方式" rules={[{ max: 200 }]} style={{ flex: 1 }}>
            <Input aria-label="其他联系方式" placeholder="如：微信同号、家属联系人" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="leftOn" label="外出日期" rules={[{ required: true, message: '请选择外出日期' }]} style={{ flex: 1 }}>
            <DatePicker aria-label="外出日期" format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedReturnOn" label="预计返回日期" style={{ flex: 1 }}>
            <DatePicker aria-label="预计返回日期" format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="fixedPlace" valuePropName="checked" extra="在相对固定地点学习、工作、生活满 6 个月的，应转移组织关系（党员教育管理工作条例第二十五条），系统到期提醒。">
          <Checkbox>外出到相对固定的地点</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
