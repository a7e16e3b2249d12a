import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, Segmented, Select, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { batchCertificatesUrl, listUnits, reportInKeys } from '../api';
import { ImportModal } from '../components/ImportModal';
import { RegisterModal } from '../components/RegisterModal';
import { ReportInTable } from '../components/ReportInTable';
import { openPdf } from '../components/tags';

/**
 * /admin/report-in (work-unit admin) — 本单位报到党员: register members one by one or by import, print their 报到证
 * (picked ones, or all still waiting), and follow each one: the community's 回执, claims, approved service, 五评议.
 */
export function UnitMembersPage() {
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const units = useQuery({ queryKey: reportInKeys.units, queryFn: listUnits });
  const [unitId, setUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<ReportInStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'register' | 'import' | null>(null);
  useEffect(() => {
    if (!unitId && units.data?.[0]) setUnitId(units.data[0].id);
  }, [units.data]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: reportInKeys.all });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          本单位报到党员
        </Typography.Title>
        {(units.data?.length ?? 0) > 1 && <Select aria-label="选择单位" style={{ width: 260 }} value={unitId ?? undefined} onChange={setUnitId} options={units.data!.map((u) => ({ value: u.id, label: u.name }))} />}
        {units.data?.length === 1 && <Typography.Text strong>{units.data[0]!.name}</Typography.Text>}
      </Space>
      {units.error && <Alert type="error" showIcon title="无法加载单位" description={errorMessage(units.error)} />}
      {units.data?.length === 0 && <Alert type="info" showIcon title="您的账号还没有关联报到单位" description="请联系街道或区委组织部登记单位。" />}
      <Space size={8} wrap>
        <Button type="primary" disabled={!unitId} onClick={() => setDialog('register')} data-testid="report-in-register">
          登记报到
        </Button>
        <Button disabled={!unitId} onClick={() => setDialog('import')} data-testid="report-in-import">
          批量导入
        </Button>
        <Button disabled={!unitId} onClick={() => openPdf(batchCertificatesUrl(unitId!, picked))} data-testid="report-in-print">
          {picked.length ? `打印所选 ${picked.length} 人的报到证` : '打印待确认党员的报到证'}
        </Button>
        <Segmented
          options={[
            { value: 'all', label: '全部' },
            { value: 'registered', label: '待社区确认' },
            { value: 'confirmed', label: '已报到' },
            { value: 'declined', label: '社区退回' },
            { value: 'ended', label: '已结束' },
          ]}
          value={status}
          onChange={(v) => setStatus(v as ReportInStatus | 'all')}
        />
        <Input.Search aria-label="按姓名或报到证编号查找" placeholder="姓名或报到证编号" allowClear style={{ width: 200 }} onSearch={(v) => setQ(v.trim())} />
      </Space>
      <ReportInTable
        enabled={!!unitId}
        filter={{ unitId: unitId ?? undefined, status: status === 'all' ? undefined : status, q: q || undefined }}
        show={{ unit: false, community: true }}
        selection={{ keys: picked, onChange: setPicked }}
      />
      <RegisterModal
        open={dialog === 'register'}
        unitId={unitId}
        onClose={(created) => {
          setDialog(null);
          if (!created) return;
          refresh();
          // A link, not window.open: a pop-up opened after the request would be blocked.
          modal.success({
            title: `已登记 ${created.name} 到 ${created.communityName} 报到`,
            content: (
              <span>
                报到证编号 {created.certificateNo}。请打印报到证交本人到社区报到：{' '}
                <a href={created.certificatePdfUrl} target="_blank" rel="noopener">
                  打印报到证
                </a>
              </span>
            ),
          });
        }}
      />
      <ImportModal open={dialog === 'import'} unitId={unitId} onClose={(n) => (setDialog(null), n > 0 && refresh())} />
    </div>
  );
}
