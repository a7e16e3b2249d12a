import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Form, Input, NavBar, TextArea } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '@/features/auth/api';
import { createTransfer, transferKeys } from '../../api';
import { commonReasons } from '../../format';
import { MobileOrgSearch } from '../../components/mobile/MobileOrgSearch';
import { m } from '../../components/mobile/styles';
import { placeTransferErrors } from '../../components/server-errors';
import { targetOf, TRANSFER_FIELDS, type TargetKind, type TransferFieldValues } from '../../components/TransferFields';

const label = (text: string) => <span style={{ fontSize: 19, fontWeight: 600 }}>{text}</span>;

/**
 * 申请转接 (H5): where to (a branch on the platform, or an organisation elsewhere by name) and why, in big
 * type; the member's own branch's committee then approves. Errors are shown under the field they concern.
 */
export function MyTransferApplyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const memberId = useMe().data?.memberId;
  const [form] = Form.useForm<TransferFieldValues>();
  const [kind, setKind] = useState<TargetKind>('inside');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: TransferFieldValues) => {
    if (!memberId) return;
    setBusy(true);
    setError(null);
    try {
      const t = await createTransfer({ memberId, ...targetOf({ ...v, targetKind: kind }), reason: (v.reason ?? '').trim() });
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
      void navigate(`/m/transfers/${t.id}`, { replace: true });
    } catch (err) {
      setError(placeTransferErrors(form, err, TRANSFER_FIELDS, { TRANSFER_IN_PROGRESS: 'reason', TRANSFER_NO_COMMITTEE: 'toOrgId' }).message);
    } finally {
      setBusy(false);
    }
  };

  const choice = (k: TargetKind, text: string) => (
    <button type="button" aria-pressed={kind === k} style={{ ...m.choice, ...(kind === k ? m.choiceOn : {}) }} onClick={() => setKind(k)}>
      {text}
    </button>
  );

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={m.back} onClick={() => void navigate('/m/transfers')}>
            <LeftOutlined aria-hidden /> 返回
          </button>
        }
      >
        申请转接
      </NavBar>
      <div style={{ padding: '4px 4px 96px' }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          data-testid="apply-form"
          footer={
            <>
              {error && (
                <div style={{ ...m.error, marginBottom: 12 }} role="alert">
                  {error}
                </div>
              )}
              <Button block type="submit" color="primary" size="large" loading={busy} style={m.big} data-testid="apply-submit">
                提交申请
              </Button>
            </>
          }
        >
          <Form.Header>{label('转到哪里')}</Form.Header>
          <div style={{ padding: '0 12px' }}>
            {choice('inside', '本平台内的党支部')}
            {choice('outside', '外地或系统外的党组织')}
          </div>
          {kind === 'inside' ? (
            <Form.Item name="toOrgId" label={label('转入党支部')} rules={[{ required: true, message: '请查找并选择转入的党支部' }]}>
              <MobileOrgSearch />
            </Form.Item>
          ) : (
            <>
              <p style={{ ...m.gentle, margin: '8px 12px' }}>转往外地或系统外：党委审批同意后开具纸质介绍信，请凭介绍信到接收党组织报到。</p>
              <Form.Item name={['externalOrg', 'name']} label={label('接收党组织名称')} rules={[{ required: true, whitespace: true, message: '请填写接收党组织的全称' }]}>
                <Input placeholder="如：中共某市某街道工作委员会" maxLength={100} style={{ '--font-size': '19px' } as React.CSSProperties} />
              </Form.Item>
              <Form.Item name={['externalOrg', 'address']} label={label('地址（可不填）')}>
                <Input maxLength={200} style={{ '--font-size': '19px' } as React.CSSProperties} />
              </Form.Item>
              <Form.Item name={['externalOrg', 'contact']} label={label('联系人及电话（可不填）')}>
                <Input maxLength={100} style={{ '--font-size': '19px' } as React.CSSProperties} />
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label={label('转出原因')} rules={[{ required: true, whitespace: true, message: '请选择或填写转出原因' }]}>
            <TextArea placeholder="点下面的常用原因，或直接填写" maxLength={200} rows={2} style={{ '--font-size': '19px' } as React.CSSProperties} />
          </Form.Item>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, padding: '0 16px 12px' }}>
            {commonReasons.map((r) => (
              <button key={r} type="button" style={m.chip} onClick={() => form.setFieldsValue({ reason: r === '其他' ? '' : r })}>
                {r}
              </button>
            ))}
          </div>
        </Form>
      </div>
    </div>
  );
}
