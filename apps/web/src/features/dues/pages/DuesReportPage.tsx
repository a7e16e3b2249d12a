import { useEffect, useState } from 'react';
import { Alert, Space, Typography } from 'antd';
import { CollectionDrilldown, type Crumb } from '../components/CollectionDrilldown';
import { CollectionTrend } from '../components/CollectionTrend';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { MonthPicker } from '../components/MonthPicker';
import { currentYear } from '../months';
import { useDuesParams } from '../use-dues-params';

/**
 * /admin/dues/reports — 收缴统计: the month's collection rate of the organisation and, a click away, of each
 * level below it; the year month by month; 收缴情况表 and 年度报表 as Excel or PDF. A member's own ledger
 * (个人党费台账) downloads from the member's 党费 tab.
 */
export function DuesReportPage() {
  const { orgId, month, year, set } = useDuesParams();
  const [path, setPath] = useState<Crumb[]>(() => (orgId ? [{ orgId, orgName: '' }] : []));
  // A new organisation from the picker starts a new trail.
  useEffect(() => setPath(orgId ? [{ orgId, orgName: '' }] : []), [orgId]);
  const thisYear = currentYear();
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const here = path[path.length - 1];

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          收缴统计
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => set({ org: id })} />
        <MonthPicker value={month} onChange={(m) => set({ month: m })} />
      </Space>
      <Typography.Text type="secondary">收缴率 = 已交金额 ÷ 应交金额，按所选组织及其全部下级党组织的账单统计；点击下级党组织名称查看其下级。</Typography.Text>
      {!orgId && <Alert type="info" showIcon title="请先在上方选择一个党组织" />}
      {here && <CollectionDrilldown path={path} month={month} onPath={setPath} />}
      {here && <CollectionTrend orgId={here.orgId} year={year} years={years} onYear={(y) => set({ year: String(y) })} />}
    </div>
  );
}
