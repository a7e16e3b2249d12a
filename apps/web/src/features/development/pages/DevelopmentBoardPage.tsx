import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Badge, Button, Card, Col, Input, Row, Select, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { developmentStages } from '@xianfeng/contracts/development/development.steps';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { DuesOrgPicker } from '../../dues/components/DuesOrgPicker';
import { downloadFile } from '../../life/api';
import { useBoard, useCases, yearlyListUrl } from '../api';
import { stageShort, todayInBeijing } from '../format';
import { BoardFigures } from '../components/BoardFigures';
import { ChildrenTable, DueList, OverridesCard } from '../components/BoardLists';
import { CaseTable } from '../components/CaseTable';

const PAGE_SIZE = 20;

function YearlyExport({ orgId, year }: { orgId: string | null; year: number }) {
  const { message } = App.useApp();
  const [chosen, setChosen] = useState(year);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (!orgId) return;
    setBusy(true);
    try {
      await downloadFile(yearlyListUrl(orgId, chosen), `发展党员名册-${chosen}.xlsx`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact data-testid="export-yearly">
      <Select aria-label="名册年度" value={chosen} onChange={setChosen} style={{ width: 100 }} options={[0, 1, 2, 3].map((d) => ({ value: year - d, label: `${year - d} 年` }))} />
      <Button icon={<DownloadOutlined />} loading={busy} disabled={!orgId} onClick={() => void download()}>
        年度发展党员名册（Excel）
      </Button>
    </Space.Compact>
  );
}

/**
 * /admin/development — 发展党员: the caller's subtree (or a part of it) by stage, with this year's plan, the
 * share aged 35 and under, what is late or due soon, and, for upper levels, every step taken by override.
 */
export function DevelopmentBoardPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const me = useMe().data;
  const today = todayInBeijing();
  const year = Number(today.slice(0, 4));
  const orgId = params.get('org');
  const stageParam = params.get('stage');
  const tab = stageParam === 'all' || (stageParam && /^[1-5]$/.test(stageParam)) ? stageParam : '1';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const [text, setText] = useState(q);
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );

  const board = useBoard(orgId);
  const listQuery = { orgId: orgId ?? undefined, q: q || undefined, page, pageSize: PAGE_SIZE, ...(tab === 'all' ? {} : { stage: Number(tab), status: 'open' as const }) };
  const cases = useCases(listQuery, !!orgId);
  const count = (stage: number) => board.data?.stages.find((s) => s.stage === stage)?.open ?? 0;
  const canWrite = hasPermission(me, 'development.write');
  // Upper levels (the committees that consent, pre-review and approve) see the overrides below them.
  const upper = hasPermission(me, 'development.approve');

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={16} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            发展党员
          </Typography.Title>
          <DuesOrgPicker value={orgId} onChange={(id) => set({ org: id, page: null })} />
        </Space>
        <Space wrap>
          <YearlyExport orgId={orgId} year={year} />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/admin/development/new${orgId ? `?org=${orgId}` : ''}`)} data-testid="new-case">
              登记入党申请
            </Button>
          )}
        </Space>
      </Space>
      {board.error && <Alert type="error" showIcon title="无法加载发展党员工作台" description={errorMessage(board.error)} />}
      {board.data && <BoardFigures board={board.data} canPlan={canWrite} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ stage: k === '1' ? null : k, page: null })}
          tabBarExtraContent={
            <Input.Search
              aria-label="搜索姓名"
              placeholder="搜索姓名或身份证号"
              allowClear
              value={text}
              onChange={(e) => setText(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || null, page: null })}
              style={{ width: 240 }}
              data-testid="case-search"
            />
          }
          items={[
            ...developmentStages.map((s) => ({
              key: String(s.stage),
              label: (
                <span data-testid={`stage-tab-${s.stage}`} title={s.zh}>
                  {s.stage}. {stageShort[s.stage]}
                  <Badge count={count(s.stage)} showZero overflowCount={9999} color={count(s.stage) ? '#b71c1c' : '#bfbfbf'} style={{ marginInlineStart: 6 }} data-testid={`stage-count-${s.stage}`} />
                </span>
              ),
            })),
            { key: 'all', label: <span data-testid="stage-tab-all">全部（含已归档、终止）</span> },
          ]}
        />
        <CaseTable data={cases.data} loading={cases.isFetching} onPage={(p) => set({ page: p === 1 ? null : String(p) })} testId="case-table" today={today} soonDays={board.data?.deadlines.dueSoonDays} />
        {cases.error && <Alert type="error" showIcon title={errorMessage(cases.error)} />}
      </Card>
      {board.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={upper ? 12 : 24}>
            <DueList board={board.data} />
          </Col>
          {upper && (
            <Col xs={24} xl={12}>
              <OverridesCard overrides={board.data.overrides} />
            </Col>
          )}
        </Row>
      )}
      {board.data && <ChildrenTable board={board.data} onPick={(id) => set({ org: id, page: null })} />}
    </div>
  );
}
