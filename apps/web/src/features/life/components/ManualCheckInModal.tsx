import { useEffect } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { markCheckIn, type MeetingAttendee } from '../api';
import { useMeetingAction } from './use-meeting-action';

interface Values {
  memberId: string;
  online: boolean;
  reason: string;
}

/**
 * 手工签到: the organiser marks a member present (forgot the phone, no smartphone) or present online (a
 * mobile member), always with a reason — every one is audited.
 */
export function ManualCheckInModal({
  meetingId,
  attendees,
  memberId,
  open,
  onClose,
}: {
  meetingId: string;
  attendees: MeetingAttendee[];
  memberId: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useMeetingAction(meetingId);
  useEffect(() => {
    if (open) form.setFieldsValue({ memberId: memberId ?? undefined, online: false, reason: '' } as Values);
  }, [open, memberId, form]);
  const waiting = attendees.filter((a) => !a.attendance || a.attendance === 'absent');
  const submit = async () => {
    const v = await form.validateFields();
    const ok = await run('check-in', () => markCheckIn(meetingId, { memberId: v.memberId, reason: v.reason, online: v.online }), '已登记签到');
    if (ok) onClose();
  };
  return (
    <Modal open={open} title="手工签到" okText="确定" cancelText="返回" confirmLoading={busy === 'check-in'} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} size="large">
        <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
          <Select aria-label="签到党员" showSearch={{ optionFilterProp: 'label' }} options={waiting.map((a) => ({ value: a.memberId, label: a.name }))} placeholder="选择尚未签到的党员" />
        </Form.Item>
        <Form.Item name="online" label="参加方式">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: false, label: '到会' },
              { value: true, label: '线上参加' },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label="手工签到原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200, message: '最多 200 个字' }]}>
          <Input.TextArea aria-label="手工签到原因" rows={2} placeholder="如：未带手机，由组织委员登记；流动党员视频参会" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
