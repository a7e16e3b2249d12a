import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space } from 'antd';
import { FilePdfOutlined, FileTextOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { caseFileUrl, developmentKeys, recordSheetsUrl, stopCase, type CaseView } from '../api';
import { DocButton } from './DocButton';
import { NoticeModal } from './NoticeModal';

const gender: Record<string, string> = { male: '男', female: '女' };

/** 终止: not admitted (refused, withdrawn, disqualified). The reason is kept in the case and the audit. */
function StopModal({ kase, open, onClose }: { kase: CaseView; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const view = await stopCase(kase.id, reason.trim());
      queryClient.setQueryData(developmentKeys.detail(kase.id), view);
      void queryClient.invalidateQueries({ queryKey: ['development', 'cases'] });
      void queryClient.invalidateQueries({ queryKey: ['development', 'board'] });
      void message.success('已终止该发展党员档案');
      onClose();
    } catch (err) {
      form.setFields([{ name: 'reason', errors: [errorMessage(err)] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={`终止 ${kase.name} 的发展`} okText="终止" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={busy} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="终止原因" rules={[{ required: true, whitespace: true, message: '请填写终止原因' }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder="如：本人申请撤回；政治审查未通过；支部大会表决未通过" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The applicant and the key dates of the case, with its documents and (for the branch) 终止. */
export function CaseFacts({ kase, canWrite }: { kase: CaseView; canWrite: boolean }) {
  const [stopping, setStopping] = useState(false);
  const [notice, setNotice] = useState(false);
  const dates: [string, string | null][] = [
    ['申请日期', kase.appliedOn],
    ['确定为积极分子', kase.activistOn],
    ['确定为发展对象', kase.candidateOn],
    ['支部大会接收', kase.acceptedOn],
    ['上级党委批准', kase.approvedOn],
    ['预备期满', kase.probationEndsOn],
    ['转为正式党员', kase.fullMemberOn],
  ];
  return (
    <Card
      size="small"
      title="申请人"
      extra={
        <Space wrap data-testid="case-docs">
          {kase.stage >= 3 && (
            <Button icon={<FileTextOutlined />} onClick={() => setNotice(true)} data-testid="doc-notice">
              发展对象公示
            </Button>
          )}
          <DocButton url={recordSheetsUrl(kase.id)} name={`${kase.name}-发展党员工作记录表.pdf`} label="记录表（PDF）" icon={<FilePdfOutlined />} testId="doc-record" />
          <DocButton url={caseFileUrl(kase.id)} name={`${kase.name}-发展党员档案.pdf`} label="全程纪实档案（PDF）" icon={<FilePdfOutlined />} testId="doc-file" />
          {canWrite && kase.status === 'open' && (
            <Button danger icon={<StopOutlined />} onClick={() => setStopping(true)} data-testid="stop-case">
              终止
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'name', label: '姓名', children: kase.name },
          { key: 'gender', label: '性别', children: gender[kase.gender] ?? kase.gender },
          { key: 'birth', label: '出生日期', children: kase.birthDate },
          { key: 'id', label: '身份证号码', children: <span style={{ fontFamily: 'monospace' }}>{kase.idNumber}</span> },
          { key: 'phone', label: '手机号码', children: kase.phone ?? '—' },
          { key: 'org', label: '党支部', children: kase.orgName },
          ...dates.filter(([, d]) => d).map(([label, d]) => ({ key: label, label, children: d })),
          ...(kase.stoppedReason ? [{ key: 'stopped', label: '终止原因', children: kase.stoppedReason }] : []),
        ]}
      />
      {stopping && <StopModal kase={kase} open={stopping} onClose={() => setStopping(false)} />}
      {notice && <NoticeModal caseId={kase.id} name={kase.name} onClose={() => setNotice(false)} />}
    </Card>
  );
}
