import { Alert, Descriptions, Modal, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { developmentKeys, getNotice, noticePdfUrl } from '../api';
import { DocButton } from './DocButton';

/**
 * The 公示 of a development candidate (第十三条) as it will be posted: its text, period and how many working days
 * that is by the holiday calendar (at least 5), with the PDF to print.
 */
export function NoticeModal({ caseId, name, onClose }: { caseId: string; name: string; onClose: () => void }) {
  const q = useQuery({ queryKey: developmentKeys.notice(caseId), queryFn: () => getNotice(caseId) });
  const n = q.data;
  return (
    <Modal open title={`${name} 的发展对象公示`} onCancel={onClose} footer={<DocButton url={noticePdfUrl(caseId)} name={`${name}-公示.pdf`} label="下载公示（PDF）" testId="doc-notice-pdf" />} width={720} destroyOnHidden>
      {q.isPending && <Spin />}
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {n && (
        <div style={{ display: 'grid', gap: 12 }} data-testid="notice-text">
          {!n.recorded && <Alert type="info" showIcon title="公示期间为建议：第 8 环节记录后按记录的期间生成。" />}
          {n.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} />
          ))}
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'period', label: '公示期间', children: `${n.from} 至 ${n.to}` },
              { key: 'days', label: '工作日', children: n.workingDays === null ? '节假日安排缺失，无法计算' : `${n.workingDays} 个（不少于 5 个）` },
              { key: 'place', label: '公示范围', children: n.place },
              { key: 'contact', label: '联系方式', children: n.contact || '—' },
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.text}</Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
}
