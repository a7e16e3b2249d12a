import { useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { confirmReportIn, declineReportIn, reportInKeys, type ReportInSummary } from '../api';
import { CommunitySelect } from '../components/CommunitySelect';
import { ReasonModal } from '../components/ReasonModal';
import { ReportInTable } from '../components/ReportInTable';
import { useCommunityParam } from '../use-community';

/**
 * /admin/report-in — 待确认: members the units registered with the community. The worker checks the person really
 * lives here (the paper 报到证 or the QR on it), then confirms — the 回执 is printed — or declines with the reason.
 */
export function ConfirmPage() {
  const [community, setCommunity] = useCommunityParam();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState<ReportInSummary | null>(null);

  const confirm = async (r: ReportInSummary) => {
    try {
      const v = await confirmReportIn(r.id);
      await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
      // A link, not window.open: a pop-up opened after the request would be blocked.
      void message.success({
        duration: 8,
        content: (
          <span>
            已确认 {r.name} 报到，回执编号 {v.receiptNo}。{' '}
            <a href={v.receiptPdfUrl ?? '#'} target="_blank" rel="noopener">
              打印回执
            </a>
          </span>
        ),
      });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          待确认报到
        </Typography.Title>
        <CommunitySelect mine autoPick value={community} onChange={setCommunity} />
      </Space>
      <Typography.Text type="secondary">核实党员确在本社区居住后确认报到并打印回执交报到单位；不在本社区居住的请退回并说明原因。</Typography.Text>
      <ReportInTable
        testId="confirm-table"
        enabled={!!community}
        filter={{ communityOrgId: community ?? undefined, status: 'registered' }}
        show={{ unit: true, community: false }}
        extra={(r) => (
          <Space size={4}>
            <Popconfirm title={`确认 ${r.name} 已到本社区报到？`} okText="确认并打印回执" cancelText="取消" onConfirm={() => void confirm(r)}>
              <Button type="link" size="small" data-testid="row-confirm">
                确认
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger onClick={() => setDeclining(r)}>
              退回
            </Button>
          </Space>
        )}
      />
      <ReasonModal
        open={!!declining}
        title={`退回 ${declining?.name ?? ''} 的报到`}
        label="退回原因"
        okText="退回"
        presets={['经核实不在本社区居住', '居住地属于其他社区', '信息有误，请核实后重新登记']}
        onCancel={() => setDeclining(null)}
        onSubmit={async (reason) => {
          await declineReportIn(declining!.id, reason);
          await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
          setDeclining(null);
        }}
      />
    </div>
  );
}
