import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { getOrg, orgKeys } from '../../org/api';
import { downloadFile, getLifePlan, ledgerUrl, lifeKeys, listMeetings, type DocFormat } from '../api';
import { LifeOrgPicker } from '../components/LifeOrgPicker';
import { LifePlanCard } from '../components/LifePlanCard';
import { MeetingFormModal, type MeetingDraft } from '../components/MeetingFormModal';
import { MonthCalendar } from '../components/MonthCalendar';
import { MonthMeetingsTable } from '../components/MonthMeetingsTable';
import { beijingToday } from '../components/meeting-time';

const NO_DRAFT: MeetingDraft = {};

/**
 * /admin/life — 组织生活: one branch's month. The calendar shows its meetings (coloured by status, 补录
 * marked) and its fixed 组织生活日; the side lists what the regulations still require this month with a
 * button that plans it; below, the month's meetings as a list. The year's 台账 downloads from here.
 */
export function LifeCalendarPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const [day, setDay] = useState<Dayjs>(() => (params.get('month') ? dayjs(`${params.get('month')}-01`) : beijingToday()));
  const month = day.format('YYYY-MM');
  const [draft, setDraft] = useState<MeetingDraft | null>(null);
  const [downloading, setDownloading] = useState<DocFormat | null>(null);

  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        p.set(key, value);
        return p;
      },
      { replace: true },
    );
  const pickDay = (d: Dayjs) => {
    setDay(d);
    if (d.format('YYYY-MM') !== month) setParam('month', d.format('YYYY-MM'));
  };

  const org = useQuery({ queryKey: orgKeys.view(orgId ?? ''), queryFn: () => getOrg(orgId!), enabled: !!orgId });
  const from = day.startOf('month').format('YYYY-MM-DD');
  const to = day.endOf('month').format('YYYY-MM-DD');
  const meetings = useQuery({
    queryKey: lifeKeys.meetings(orgId ?? '', month),
    queryFn: () => listMeetings({ orgId: orgId!, from, to }),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
  });
  const plan = useQuery({ queryKey: lifeKeys.plan(orgId ?? '', month), queryFn: () => getLifePlan(orgId!, month), enabled: !!orgId, retry: false });
  const canPlan = hasPermission(me.data, 'life.write');
  const year = day.year();

  const download = async (format: DocFormat) => {
    if (!orgId) return;
    setDownloading(format);
    try {
      await downloadFile(ledgerUrl(orgId, year, format), `三会一课台账-${year}.${format}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={16} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            组织生活
          </Typography.Title>
          <LifeOrgPicker value={orgId} onChange={(id) => setParam('org', id)} />
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={downloading === 'xlsx'} disabled={!orgId} onClick={() => void download('xlsx')}>
            {year}年台账（Excel）
          </Button>
          <Button icon={<DownloadOutlined />} loading={downloading === 'pdf'} disabled={!orgId} onClick={() => void download('pdf')}>
            {year}年台账（PDF）
          </Button>
          {canPlan && (
            <Button type="primary" size="large" icon={<PlusOutlined />} disabled={!orgId || !org.data} onClick={() => setDraft({ date: day })}>
              计划会议
            </Button>
          )}
        </Space>
      </Space>
      {org.data && (
        <Typography.Text type="secondary">
          {org.data.name} · 点击日期选中那一天，再点“计划会议”；点击会议查看通知、签到、记录和审核
        </Typography.Text>
      )}
      {!orgId && <Alert type="info" showIcon title="请先在上方选择一个党支部" />}
      {meetings.error && <Alert type="error" showIcon title="无法加载会议" description={errorMessage(meetings.error)} />}
      {orgId && (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Card style={{ flex: '1 1 720px', minWidth: 0 }} styles={{ body: { padding: 12 } }}>
            <MonthCalendar value={day} onChange={pickDay} meetings={meetings.data?.items ?? []} plan={plan.data} />
          </Card>
          <div style={{ flex: '0 1 300px', minWidth: 260 }}>
            <LifePlanCard
              plan={plan.data}
              error={plan.error}
              loading={plan.isFetching}
              canPlan={canPlan && !!org.data}
              onPlan={(p) => setDraft({ type: p.type, date: dayjs(p.suggestedDate) })}
            />
          </div>
        </div>
      )}
      {orgId && (
        <Card title={`${day.format('YYYY年M月')}的会议`} styles={{ body: { padding: 0 } }}>
          <MonthMeetingsTable meetings={meetings.data?.items ?? []} loading={meetings.isFetching} />
        </Card>
      )}
      {orgId && (
        <MeetingFormModal
          open={!!draft}
          orgId={orgId}
          draft={draft ?? NO_DRAFT}
          onClose={() => setDraft(null)}
          onCreated={(m) => {
            setDraft(null);
            void queryClient.invalidateQueries({ queryKey: ['life'] });
            void message.success(m.lateEntry ? '已补录会议' : '已计划会议，应到党员将收到会议通知');
            void navigate(`/admin/meetings/${m.id}`);
          }}
        />
      )}
    </div>
  );
}
