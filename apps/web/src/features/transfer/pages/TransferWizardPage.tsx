import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Checkbox, Descriptions, Form, Space, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { createTransfer, transferKeys, type TransferView } from '../api';
import { placeTransferErrors } from '../components/server-errors';
import { ReasonFields, TargetFields, targetOf, TRANSFER_FIELDS, type TransferFieldValues } from '../components/TransferFields';
import { MemberStep, useChosenMember, WizardDone } from '../components/WizardParts';

interface Values extends TransferFieldValues {
  memberId?: string;
  letter?: boolean;
}

/** Which step holds each field: a server error sends the wizard back there. */
const stepOfField = (path: string) => (path === 'memberId' ? 0 : path === 'toOrgId' || path.startsWith('externalOrg') ? 1 : 2);
const stepFields: (string | string[])[][] = [['memberId'], ['targetKind', 'toOrgId', ['externalOrg', 'name'], ['externalOrg', 'address'], ['externalOrg', 'contact']], []];

/**
 * /admin/transfers/new?memberId= — 发起组织关系转接: the member (skipped when the member file sent us), where to
 * (on the platform or outside it), why; then what happens next and 党费交至. All steps stay mounted so a
 * field error from the server shows on its field when the wizard goes back to it.
 */
export function TransferWizardPage() {
  const [params] = useSearchParams();
  const given = params.get('memberId') ?? undefined;
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(given ? 1 : 0);
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [created, setCreated] = useState<TransferView | null>(null);
  const memberId = Form.useWatch('memberId', form);
  const member = useChosenMember(memberId);
  const values = Form.useWatch([], form) as Values | undefined;

  const next = async () => {
    await form.validateFields(stepFields[current]);
    if (current === 0 && member.data && member.data.state !== 'active') return;
    setCurrent(current + 1);
  };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const t = await createTransfer({
        memberId: v.memberId ?? '',
        ...targetOf(v),
        reason: (v.reason ?? '').trim(),
        ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}),
        ...(v.targetKind === 'inside' && v.letter ? { letter: true } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: transferKeys.all });
      setCreated(t);
      setCurrent(3);
    } catch (err) {
      const placed = placeTransferErrors(form, err, TRANSFER_FIELDS, { TRANSFER_IN_PROGRESS: 'memberId', TRANSFER_MEMBER_NOT_ACTIVE: 'memberId', TRANSFER_NO_COMMITTEE: 'toOrgId' });
      setTopError(placed.message);
      if (placed.fields.length > 0) setCurrent(Math.min(...placed.fields.map(stepOfField)));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    form.resetFields();
    form.setFieldsValue({ memberId: undefined });
    setCreated(null);
    setTopError(null);
    setCurrent(0);
  };

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960 }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/admin/transfers">组织关系转接</Link> }, { key: 'new', title: '发起转接' }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        发起组织关系转接
      </Typography.Title>
      <Steps current={created ? 4 : current} items={[{ title: '选择党员' }, { title: '转入党组织' }, { title: '转出原因' }, { title: '完成' }]} />
      {created ? (
        <Card>
          <WizardDone transfer={created} onAnother={restart} />
        </Card>
      ) : (
        <Card>
          {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="wizard-error" />}
          <Form form={form} layout="vertical" requiredMark={false} initialValues={{ memberId: given, targetKind: 'inside', letter: false }} data-testid="transfer-wizard">
            <div hidden={current !== 0}>
              <MemberStep member={member.data} />
            </div>
            <div hidden={current !== 1}>
              {member.data && (
                <Typography.Paragraph>
                  转出党员：<strong>{member.data.name}</strong>（{member.data.orgName}）
                </Typography.Paragraph>
              )}
              <TargetFields excludeOrgId={member.data?.orgId} />
            </div>
            <div hidden={current !== 2}>
              <ReasonFields />
              {values?.targetKind === 'inside' && (
                <Form.Item name="letter" valuePropName="checked" extra="系统内转接全程在网上办理；接收方需要纸质材料时可同时开具。">
                  <Checkbox>开具纸质介绍信</Checkbox>
                </Form.Item>
              )}
              <Descriptions bordered size="small" column={1} title="请核对" style={{ marginTop: 8 }} data-testid="wizard-summary">
                <Descriptions.Item label="党员">{member.data ? `${member.data.name}（${member.data.orgName}）` : '—'}</Descriptions.Item>
                <Descriptions.Item label="转入">{values?.targetKind === 'outside' ? `${values.externalOrg?.name ?? '—'}（系统外）` : (values?.toOrgName ?? '—')}</Descriptions.Item>
              </Descriptions>
            </div>
          </Form>
          <Space style={{ marginTop: 24 }}>
            {current > 0 && (!given || current > 1) && <Button onClick={() => setCurrent(current - 1)}>上一步</Button>}
            {given && current === 1 && <Button onClick={() => setCurrent(0)}>更换党员</Button>}
            {current < 2 ? (
              <Button type="primary" onClick={() => void next().catch(() => undefined)} data-testid="wizard-next">
                下一步
              </Button>
            ) : (
              <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="wizard-submit">
                提交转接
              </Button>
            )}
          </Space>
        </Card>
      )}
    </div>
  );
}
