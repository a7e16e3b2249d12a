import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { formatFen } from '@/features/dues/money';
import type { StatsModules } from '../api';
import { EChart } from '../charts/EChart';
import { duesTrendOption, lightLook } from '../charts/options';
import { formatCount } from '../labels';

/** 发展党员 figures by the names the development module gives them (developmentFiguresForStatistics). */
const developmentLabels: Record<string, string> = {
  applicants: '入党申请人',
  activists: '入党积极分子',
  candidates: '发展对象',
  inAcceptance: '接收审批中',
  probationaryInProcess: '预备党员（考察中）',
  approvedThisYear: '本年发展党员',
  approvedYouth: '其中35岁及以下',
  youthPercent: '本年发展中青年占比',
  overdueSteps: '超期环节',
};

/** Label–value pairs for a Descriptions block. */
function Figures({ rows, column = 2 }: { rows: [string, ReactNode][]; column?: number }) {
  return <Descriptions size="small" column={column} colon={false} items={rows.map(([label, value]) => ({ key: label, label, children: value }))} />;
}

function ModuleCard({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Col xs={24} md={12} xl={8}>
      <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }}>
        {children}
      </Card>
    </Col>
  );
}

const period = (from: string, to: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {from} 至 {to}
  </Typography.Text>
);

/**
 * What other modules report for the subtree, each card present only when its module answers (a past date
 * leaves out registries that keep no history). Descriptions rather than charts: these are few exact numbers.
 */
export function ModuleFigures({ modules }: { modules: StatsModules }) {
  const { dues, compliance, transfers, mobile, reportIn, development } = modules;
  const lastDues = dues?.months.at(-1);
  const devEntries = development ? Object.entries(development).filter(([k, v]) => typeof v === 'number' && k in developmentLabels) : [];
  return (
    <Row gutter={[12, 12]} data-testid="stats-modules">
      {dues && dues.months.length > 0 && (
        <Col xs={24} xl={16}>
          <Card size="small" title="党费收缴（本年）" data-testid="module-dues">
            {lastDues && (
              <Figures
                column={4}
                rows={[
                  [`${Number(lastDues.month.slice(5, 7))}月应交`, formatFen(lastDues.amountFen)],
                  ['实交', formatFen(lastDues.paidFen)],
                  ['收缴率', lastDues.rateBasisPoints === null ? '—' : `${(lastDues.rateBasisPoints / 100).toFixed(1)}%`],
                  ['已结清', `${formatCount(lastDues.settledBills)}/${formatCount(lastDues.bills)}`],
                ]}
              />
            )}
            <EChart option={duesTrendOption(dues.months, lightLook)} height={220} label="党费按月收缴情况" />
          </Card>
        </Col>
      )}
      {compliance && (
        <ModuleCard title="组织生活达标" extra={<Typography.Text type="secondary">{compliance.period}</Typography.Text>} testId="module-compliance">
          <Figures
            rows={[
              ['党支部', formatCount(compliance.branches)],
              ['已达标', formatCount(compliance.byWorst.met)],
              ['逾期未完成', formatCount(compliance.byWorst.overdue)],
              ['即将到期', formatCount(compliance.byWorst.due_soon)],
              ['已开会议', formatCount(compliance.meetings.held)],
              ['其中补录', formatCount(compliance.meetings.lateEntries)],
            ]}
          />
        </ModuleCard>
      )}
      {transfers && (
        <ModuleCard title="组织关系转接" extra={period(transfers.from, transfers.to)} testId="module-transfers">
          <Figures
            rows={[
              ['转出', formatCount(transfers.transfersOut)],
              ['转入', formatCount(transfers.transfersIn)],
              ['办理中', formatCount(transfers.open)],
              ['超时环节', formatCount(transfers.overdueSteps)],
            ]}
          />
        </ModuleCard>
      )}
      {mobile && (
        <ModuleCard title="流动党员" testId="module-mobile">
          <Figures
            rows={[
              ['外出流动', formatCount(mobile.outflowOpen)],
              ['流入参加活动', formatCount(mobile.inflowHosted)],
              ['失去联系', formatCount(mobile.lostContact)],
              ['应转接关系', formatCount(mobile.transferDue)],
              ['流动党员活动证', formatCount(mobile.certificates)],
            ]}
          />
        </ModuleCard>
      )}
      {reportIn && (
        <ModuleCard title="在职党员双报到" extra={period(reportIn.from, reportIn.to)} testId="module-report-in">
          <Figures
            rows={[
              ['报到', formatCount(reportIn.registered)],
              ['已确认', formatCount(reportIn.confirmed)],
              ['待确认', formatCount(reportIn.pending)],
              ['参加服务', formatCount(reportIn.active)],
              ['服务时长', `${formatCount(Math.round(reportIn.serviceMinutes / 6) / 10)} 小时`],
              ['报到单位', formatCount(reportIn.units)],
            ]}
          />
        </ModuleCard>
      )}
      {devEntries.length > 0 && (
        <ModuleCard title="发展党员" testId="module-development">
          <Figures rows={devEntries.map(([k, v]): [string, ReactNode] => [developmentLabels[k]!, k === 'youthPercent' ? `${v as number}%` : formatCount(v as number)])} />
        </ModuleCard>
      )}
    </Row>
  );
}
