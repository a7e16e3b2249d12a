import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DATE_FORMAT, fromDayjs } from '@/lib/dates';
import { DuesOrgPicker } from '../../dues/components/DuesOrgPicker';
import { placeServerErrors } from '../../dues/components/server-errors';
import { mobileKeys, registerInflow } from '../api';

interface Values {
  hostOrgId: string;
  name: string;
  idNumber?: string;
  phone?: string;
  homeOrgName: string;
  homeOrgContact?: string;
  certificateNo?: string;
  arrivedOn: Dayjs;
  expectedLeaveOn?: Dayjs | null;
}
const FIELDS = ['hostOrgId', 'name', 'idNumber', 'phone', 'homeOrgName', 'homeOrgContact', 'certificateNo', 'arrivedOn', 'expectedLeaveOn'] as const;

/**
 * 流入党员报到: a member from elsewhere joins a branch here with their 流动党员活动证. A 活动证 issued on this
 * platform links them to their file. They take part and pay dues here, without vote or election rights.
 */
export function InflowFormModal({ open, hostOrgId, onClose }: { open: boolean; hostOrgId: string | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setTopError(null);
    if (hostOrgId) form.setFieldsValue({ hostOrgId });
  }, [open, hostOrgId]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      await registerInflow({
        hostOrgId: v.hostOrgId,
        name: v.name.trim(),
        idNumber: v.idNumber?.trim() || null,
        phone: v.phone?.trim() || null,
        homeOrgName: v.homeOrgName.trim(),
        homeOrgContact: v.homeOrgContact?.trim() || null,
        certificateNo: v.certificateNo?.trim() || null,
        arrivedOn: fromDayjs(v.arrivedOn)!,
        expectedLeaveOn: fromDayjs(v.expectedLeaveOn),
      });
      await queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      onClose();
    } catch (err) {
      setTopError(placeServerErrors(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="登记流入党员" okText="登记" cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="inflow-form">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="持《流动党员活动证》的党员可在本支部参加组织生活、交纳党费，没有表决权、选举权和被选举权（中组发〔2008〕3号第九条）。" />
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <Form.Item name="hostOrgId" label="编入党支部" rules={[{ required: true, message: '请选择党支部' }]}>
          <DuesOrgPicker value={null} onChange={() => undefined} width={560} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]} style={{ flex: 1 }}>
            <Input aria-label="姓名" maxLength={30} />
          </Form.Item>
          <Form.Item name="certificateNo" label="活动证编号" style={{ flex: 1 }} extra="本平台开具的活动证会自动关联党员档案">
            <Input aria-label="活动证编号" maxLength={40} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="idNumber" label="身份证号码" style={{ flex: 1 }}>
            <Input aria-label="身份证号码" maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号码应为 11 位，以 1 开头' }]} style={{ flex: 1 }}>
            <Input aria-label="联系电话" inputMode="numeric" maxLength={11} />
          </Form.Item>
        </div>
        <Form.Item name="homeOrgName" label="组织关系所在党组织" rules={[{ required: true, whitespace: true, message: '请填写原党组织' }, { max: 100 }]}>
          <Input aria-label="组织关系所在党组织" placeholder="如：中共郑州市金水区文化路街道工作委员会" />
        </Form.Item>
        <Form.Item name="homeOrgContact" label="原党组织联系人及电话" rules={[{ max: 100 }]}>
          <Input aria-label="原党组织联系人及电话" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="arrivedOn" label="到达日期" rules={[{ required: true, message: '请选择到达日期' }]} style={{ flex: 1 }}>
            <DatePicker aria-label="到达日期" format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedLeaveOn" label="预计离开日期" style={{ flex: 1 }}>
            <DatePicker aria-label="预计离开日期" format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
