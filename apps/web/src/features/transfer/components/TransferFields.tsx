import { Alert, Button, Form, Input, Radio, Space } from 'antd';
import { commonReasons } from '../format';
import { TargetOrgSelect } from './TargetOrgSelect';

export type TargetKind = 'inside' | 'outside';

/** The form's values for 转入 and 原因 (the wizard and 修改后重新提交 share them). */
export interface TransferFieldValues {
  targetKind: TargetKind;
  toOrgId?: string | null;
  /** The picked org's name, for the summary (not sent). */
  toOrgName?: string | null;
  externalOrg?: { name?: string; address?: string; contact?: string };
  reason?: string;
  remarks?: string;
}

/** Every field the server may name in `details[].path`. */
export const TRANSFER_FIELDS = ['memberId', 'toOrgId', 'externalOrg.name', 'externalOrg.address', 'externalOrg.contact', 'reason', 'remarks'] as const;

/** The API's target: an org on the platform, or one outside it by name (exactly one of them). */
export function targetOf(v: TransferFieldValues): { toOrgId: string } | { externalOrg: { name: string; address?: string; contact?: string } } {
  if (v.targetKind === 'inside') return { toOrgId: v.toOrgId ?? '' };
  const e = v.externalOrg ?? {};
  return { externalOrg: { name: (e.name ?? '').trim(), ...(e.address?.trim() ? { address: e.address.trim() } : {}), ...(e.contact?.trim() ? { contact: e.contact.trim() } : {}) } };
}

/** 转入党组织: 系统内 (directory search) or 系统外 (name, address, contact — the 介绍信 goes on paper). */
export function TargetFields({ excludeOrgId }: { excludeOrgId?: string | undefined }) {
  const form = Form.useFormInstance<TransferFieldValues>();
  const kind = Form.useWatch<TargetKind | undefined>('targetKind');
  const knownName = Form.useWatch<string | null | undefined>('toOrgName');
  return (
    <>
      <Form.Item name="targetKind" label="转往哪里">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'inside', label: '本平台内的党组织' },
            { value: 'outside', label: '系统外的党组织（外地、外系统）' },
          ]}
        />
      </Form.Item>
      <Form.Item name="toOrgName" hidden>
        <Input />
      </Form.Item>
      {kind === 'outside' ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="转往系统外：转出党委审批同意后开具纸质介绍信，党员持介绍信到接收党组织报到；收到回执后登记办结。"
          />
          <Form.Item name={['externalOrg', 'name']} label="接收党组织名称" rules={[{ required: true, whitespace: true, message: '请填写接收党组织的全称' }, { max: 100, message: '最多 100 字' }]}>
            <Input aria-label="接收党组织名称" placeholder="如：中共某市某区某街道工作委员会" />
          </Form.Item>
          <Form.Item name={['externalOrg', 'address']} label="地址（可选）" rules={[{ max: 200, message: '最多 200 字' }]}>
            <Input aria-label="接收党组织地址" />
          </Form.Item>
          <Form.Item name={['externalOrg', 'contact']} label="联系人及电话（可选）" rules={[{ max: 100, message: '最多 100 字' }]}>
            <Input aria-label="联系人及电话" placeholder="如：王老师 0571-88888888" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="toOrgId"
          label="转入党组织"
          extra="只能转入党支部（含联合党支部、临时党支部）或党总支。"
          rules={[{ required: true, message: '请选择转入的党支部' }]}
        >
          <TargetOrgSelect excludeOrgId={excludeOrgId} knownName={knownName} onPicked={(name) => form.setFieldValue('toOrgName', name)} />
        </Form.Item>
      )}
    </>
  );
}

/** 转出原因 with the common ones one click away, and 备注. */
export function ReasonFields() {
  const form = Form.useFormInstance<TransferFieldValues>();
  return (
    <>
      <Form.Item label="常用原因" style={{ marginBottom: 8 }}>
        <Space wrap size={8}>
          {commonReasons.map((r) => (
            <Button key={r} size="small" onClick={() => form.setFieldsValue({ reason: r === '其他' ? '' : r })}>
              {r}
            </Button>
          ))}
        </Space>
      </Form.Item>
      <Form.Item name="reason" label="转出原因" rules={[{ required: true, whitespace: true, message: '请填写转出原因' }, { max: 200, message: '最多 200 字' }]}>
        <Input aria-label="转出原因" placeholder="选一个常用原因，或直接填写" maxLength={200} />
      </Form.Item>
      <Form.Item name="remarks" label="备注（可选）" rules={[{ max: 500, message: '最多 500 字' }]}>
        <Input.TextArea aria-label="备注" rows={2} placeholder="如：新工作单位、到新单位报到的时间" />
      </Form.Item>
    </>
  );
}
